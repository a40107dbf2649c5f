using System.Text.Json.Nodes;
using Glomers.Harness.History;

namespace Glomers.Harness.Checkers.Kafka;

/// <summary>
/// Errors of order against the version order: within one op (int-) and between successive ops of one
/// process. A step from index i to i' is a skip when i' - i &gt; 1 and nonmonotonic when i' - i &lt; 1;
/// a value with no known index counts as a step of 1, as in kafka.clj.
/// </summary>
internal static class OrderFindings
{
    public sealed record Found(List<ErrorCase> Skips, List<ErrorCase> Nonmonotonic);

    /// <summary>int-poll-skip and int-nonmonotonic-poll: successive values of one key within one op's polls.</summary>
    public static Found InternalPolls(KafkaAnalysis a) => Internal(a, op => op.IsPollLike, op => op.Reads);

    /// <summary>int-send-skip and int-nonmonotonic-send: successive sends to one key within one op.</summary>
    public static Found InternalSends(KafkaAnalysis a) =>
        Internal(a, op => op.IsSendLike && op.Op.Type != OpType.Invoke, op => op.Writes);

    private static Found Internal(KafkaAnalysis a, Func<KafkaOp, bool> applies, Func<KafkaOp, List<KeyMessages>> messages)
    {
        var found = new Found([], []);
        foreach (var op in a.History.Ops)
        {
            if (!applies(op)) continue;
            foreach (var km in messages(op))
            {
                var order = a.Orders[km.Key];
                int? i1 = null;
                var v1 = -1;
                foreach (var m in km.Messages)
                {
                    var i2 = order.IndexOf(m.Value);
                    var delta = i1 is { } x && i2 is { } y ? y - x : 1;
                    if (delta != 1)
                    {
                        var (key, from, to, d, at, lo, hi) = (order.Key, v1, m.Value, delta, op, i1!.Value, i2!.Value);
                        if (delta > 1)
                            found.Skips.Add(new ErrorCase(delta, () => new JsonObject
                            {
                                ["key"] = key.Name,
                                ["values"] = Values(key, from, to),
                                ["delta"] = d,
                                ["skipped"] = Skipped(order, lo, hi),
                                ["op"] = at.Op.ToJson(),
                            }));
                        else
                            found.Nonmonotonic.Add(new ErrorCase(delta, () => new JsonObject
                            {
                                ["key"] = key.Name,
                                ["values"] = Values(key, from, to),
                                ["delta"] = d,
                                ["op"] = at.Op.ToJson(),
                            }));
                    }
                    i1 = i2;
                    v1 = m.Value;
                }
            }
        }
        return found;
    }

    /// <summary>
    /// poll-skip and nonmonotonic-poll: a process's poll of a key compared with where its previous ok
    /// poll of that key left off. An assign keeps the history only of the keys it still assigns.
    /// </summary>
    public static Found ExternalPolls(KafkaAnalysis a)
    {
        var found = new Found([], []);
        var last = new Dictionary<int, Dictionary<int, (KafkaOp Op, int Value)>>();
        foreach (var op in a.History.Ops)
        {
            var lastReads = LastOf(last, op.Op.Process);
            if (op.Assigned is not null)
            {
                if (op.Op.Type is OpType.Ok or OpType.Info) Retain(lastReads, op.Assigned);
                continue;
            }
            if (!op.IsPollLike) continue;
            foreach (var r in op.Reads)
            {
                if (!lastReads.TryGetValue(r.Key, out var prev)) continue;
                var order = a.Orders[r.Key];
                var next = r.Messages.Count > 0 ? r.Messages[0].Value : -1;
                var i = order.IndexOf(prev.Value);
                var i2 = order.IndexOf(next);
                var delta = i is { } x && i2 is { } y ? y - x : 1;
                if (delta == 1) continue;
                var (key, from, to, d, before, at, lo, hi) = (order.Key, prev.Value, next, delta, prev.Op, op, i!.Value, i2!.Value);
                if (delta > 1)
                    found.Skips.Add(new ErrorCase(delta, () => new JsonObject
                    {
                        ["key"] = key.Name,
                        ["delta"] = d,
                        ["skipped"] = Skipped(order, lo, hi),
                        ["ops"] = new JsonArray(before.Op.ToJson(), at.Op.ToJson()),
                    }));
                else
                    found.Nonmonotonic.Add(new ErrorCase(delta, () => new JsonObject
                    {
                        ["key"] = key.Name,
                        ["values"] = Values(key, from, to),
                        ["delta"] = d,
                        ["ops"] = new JsonArray(before.Op.ToJson(), at.Op.ToJson()),
                    }));
            }
            if (op.Op.Type == OpType.Ok)
                foreach (var r in op.Reads)
                    lastReads[r.Key] = (op, r.Messages.Count > 0 ? r.Messages[^1].Value : -1);
        }
        return found;
    }

    /// <summary>nonmonotonic-send: a process's send to a key lands at or before its previous send to that key.</summary>
    public static List<ErrorCase> ExternalSends(KafkaAnalysis a)
    {
        var cases = new List<ErrorCase>();
        var last = new Dictionary<int, Dictionary<int, (KafkaOp Op, int Value)>>();
        foreach (var op in a.History.Ops)
        {
            if (op.Op.Type is not (OpType.Ok or OpType.Info)) continue;
            var lastSends = LastOf(last, op.Op.Process);
            if (op.Assigned is not null)
            {
                Retain(lastSends, op.Assigned);
                continue;
            }
            if (!op.IsSendLike) continue;
            foreach (var w in op.Writes)
            {
                if (w.Messages.Count == 0) continue;
                if (lastSends.TryGetValue(w.Key, out var prev))
                {
                    var order = a.Orders[w.Key];
                    var next = w.Messages[0].Value;
                    if (order.IndexOf(prev.Value) is { } i && order.IndexOf(next) is { } i2 && i2 - i < 1)
                    {
                        var (key, from, d, before, at) = (order.Key, prev.Value, i2 - i, prev.Op, op);
                        cases.Add(new ErrorCase(d, () => new JsonObject
                        {
                            ["key"] = key.Name,
                            ["values"] = Values(key, from, next),
                            ["delta"] = d,
                            ["ops"] = new JsonArray(before.Op.ToJson(), at.Op.ToJson()),
                        }));
                    }
                }
                lastSends[w.Key] = (op, w.Messages[^1].Value);
            }
        }
        return cases;
    }

    private static Dictionary<int, (KafkaOp Op, int Value)> LastOf(Dictionary<int, Dictionary<int, (KafkaOp Op, int Value)>> all, int process)
    {
        if (!all.TryGetValue(process, out var d)) all[process] = d = [];
        return d;
    }

    private static void Retain(Dictionary<int, (KafkaOp Op, int Value)> last, List<int> keys)
    {
        if (last.Count == 0) return;
        var kept = keys.ToHashSet();
        foreach (var k in last.Keys.ToList())
            if (!kept.Contains(k)) last.Remove(k);
    }

    private static JsonArray Values(KafkaKey key, int a, int b) =>
        new(a < 0 ? null : key.ValueJson(a), b < 0 ? null : key.ValueJson(b));

    private static JsonArray Skipped(VersionOrder order, int from, int to) =>
        new([.. Enumerable.Range(from + 1, Math.Max(0, to - from - 1)).Select(i => order.Key.ValueJson(order.ByIndex[i]))]);
}
