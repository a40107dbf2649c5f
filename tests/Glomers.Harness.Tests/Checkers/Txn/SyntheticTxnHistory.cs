using System.Text.Json.Nodes;
using Glomers.Harness.Checkers.Txn;
using Glomers.Harness.History;

namespace Glomers.Harness.Tests.Checkers.Txn;

/// <summary>
/// A txn-rw-register history of a correct single-copy store at Maelstrom's 6c load: Elle's generator
/// (1..4 micro-ops, reads and writes at 50/50, 10 active keys drawn exponentially, 16 writes per key)
/// from <paramref name="processes"/> clients at <paramref name="rate"/> txns per second. Each txn
/// takes effect atomically at a random instant between its invocation and its completion, so the
/// history is strict serializable. With <paramref name="staleness"/> (seconds) each read instead sees
/// the key as it was that long before the txn took effect, as a lagging replica would serve it.
/// </summary>
internal static class SyntheticTxnHistory
{
    public static List<Op> Generate(double seconds, double rate, int processes, int seed, double staleness = 0)
    {
        var random = new Random(seed);
        var active = Enumerable.Range(0, 10).ToList();
        var nextValue = new Dictionary<int, int>();
        var free = new double[processes];
        var txns = new List<(double Invoke, double Apply, double Complete, int Process, List<(bool W, int K, int V)> Mops)>();
        for (var t = 0.0; t < seconds; t += random.NextDouble() * 2 / rate)
        {
            var p = Array.IndexOf(free, free.Min());
            var invoke = Math.Max(t, free[p]);
            var latency = 0.0005 + random.NextDouble() * 0.004;
            var mops = new List<(bool, int, int)>();
            for (var n = random.Next(1, 5); mops.Count < n;)
            {
                var write = random.Next(2) == 1;
                var k = active[Math.Min(active.Count - 1, (int)Math.Floor(Math.Log2(1 + random.NextDouble() * ((1 << active.Count) - 1))))];
                if (!write)
                {
                    mops.Add((false, k, 0));
                    continue;
                }
                var v = nextValue.GetValueOrDefault(k, 1);
                if (v > 16)
                {
                    active[active.IndexOf(k)] = active.Max() + 1;
                    continue;
                }
                nextValue[k] = v + 1;
                mops.Add((true, k, v));
            }
            txns.Add((invoke, invoke + random.NextDouble() * latency, invoke + latency, p, mops));
            free[p] = invoke + latency + 0.0001;
        }

        var versions = new Dictionary<int, List<(double Time, int Value)>>();
        var results = new JsonArray[txns.Count];
        foreach (var i in Enumerable.Range(0, txns.Count).OrderBy(i => txns[i].Apply))
        {
            var done = new JsonArray();
            var own = new Dictionary<int, int>();
            foreach (var (w, k, v) in txns[i].Mops)
            {
                if (!versions.TryGetValue(k, out var history)) versions[k] = history = [];
                if (w)
                {
                    own[k] = v;
                    done.Add(new JsonArray("w", k, v));
                    continue;
                }
                var seen = own.TryGetValue(k, out var mine) ? mine
                    : history.LastOrDefault(h => h.Time <= txns[i].Apply - staleness) is { Time: > 0 } h ? h.Value : (int?)null;
                done.Add(new JsonArray("r", k, seen));
            }
            foreach (var (k, v) in own) versions[k].Add((txns[i].Apply, v));
            results[i] = done;
        }

        var events = new List<(double Time, int Txn, bool Invoke)>();
        for (var i = 0; i < txns.Count; i++)
        {
            events.Add((txns[i].Invoke, i, true));
            events.Add((txns[i].Complete, i, false));
        }
        var ops = new List<Op>();
        foreach (var (time, i, isInvoke) in events.OrderBy(e => e.Time).ThenBy(e => e.Invoke ? 1 : 0))
        {
            var value = isInvoke
                ? new JsonArray([.. txns[i].Mops.Select(m => (JsonNode)new JsonArray(m.W ? "w" : "r", m.K, m.W ? m.V : null))])
                : (JsonNode)results[i].DeepClone();
            ops.Add(new Op(ops.Count, (long)(time * 1e9), isInvoke ? OpType.Invoke : OpType.Ok, txns[i].Process, TxnHistory.TxnF, value));
        }
        return ops;
    }
}
