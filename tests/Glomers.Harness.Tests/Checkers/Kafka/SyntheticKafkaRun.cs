namespace Glomers.Harness.Tests.Checkers.Kafka;

/// <summary>
/// A long history of a correct single-log kafka node under Maelstrom's op mix (rate 1000, 4 workers):
/// sends and polls half and half, about one op in 64 an assign of three active keys, 16 sends per key,
/// a crash every 7500 ops, then the final phase (crash, assign every key from 0, poll twice). Polls
/// return everything from the worker's position. Ops follow one another, 1 ms apart.
/// </summary>
internal static class SyntheticKafkaRun
{
    private const int Workers = 4;
    private const int WritesPerKey = 16;

    /// <param name="hidden">A message every poll leaves out, as a node that lost it would.</param>
    public static HistoryBuilder Build(int ops, int seed, (string Key, long Value)? hidden = null)
    {
        var random = new Random(seed);
        var h = new HistoryBuilder();
        var logs = new List<List<long>>();
        var active = new List<int>();
        void NewKey()
        {
            active.Add(logs.Count);
            logs.Add([]);
        }
        for (var i = 0; i < 8; i++) NewKey();

        var process = Enumerable.Range(0, Workers).ToArray();
        var positions = Enumerable.Range(0, Workers).Select(_ => new Dictionary<int, int>()).ToArray();

        void Poll(int w)
        {
            var result = new List<(string, (long, long)[])>();
            foreach (var (key, from) in positions[w].ToList())
            {
                var log = logs[key];
                if (from >= log.Count) continue;
                var messages = Enumerable.Range(from, log.Count - from)
                    .Where(o => hidden is not { } x || x.Key != key.ToString() || x.Value != log[o])
                    .Select(o => ((long)o, log[o])).ToArray();
                result.Add((key.ToString(), messages));
                positions[w][key] = log.Count;
            }
            h.Poll(process[w], [.. result]);
        }

        for (var n = 0; n < ops; n++)
        {
            var w = random.Next(Workers);
            if (n > 0 && n % 7500 == 0)
            {
                h.Crash(process[w]);
                process[w] += Workers;
                positions[w] = [];
                continue;
            }
            var pick = random.Next(64);
            if (pick == 0)
            {
                var keys = active.OrderBy(_ => random.Next()).Take(3).ToList();
                h.Assign(process[w], [.. keys.Select(k => k.ToString())]);
                positions[w] = keys.ToDictionary(k => k, k => positions[w].GetValueOrDefault(k));
            }
            else if (pick % 2 == 0)
            {
                var key = active[random.Next(active.Count)];
                var log = logs[key];
                log.Add(log.Count + 1);
                h.Send(process[w], key.ToString(), log.Count, log.Count - 1);
                if (log.Count == WritesPerKey)
                {
                    active.Remove(key);
                    NewKey();
                }
            }
            else Poll(w);
        }

        for (var w = 0; w < Workers; w++)
        {
            h.Crash(process[w]);
            process[w] += Workers;
            h.Assign(process[w], [.. Enumerable.Range(0, logs.Count).Select(k => k.ToString())]);
            positions[w] = Enumerable.Range(0, logs.Count).ToDictionary(k => k, _ => 0);
            Poll(w);
            Poll(w);
        }
        return h;
    }
}
