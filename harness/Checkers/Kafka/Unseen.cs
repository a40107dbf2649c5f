using System.Text.Json.Nodes;
using Glomers.Harness.History;

namespace Glomers.Harness.Checkers.Kafka;

/// <summary>
/// unseen: values sent ok that no ok poll returned by the end of the history, per key, with the time
/// of the last ok send or poll. Like kafka.clj, a key that only the very last ok op touched, and only
/// by polling, counts what that poll returned.
/// </summary>
internal static class Unseen
{
    private const int MessagesShown = 32;

    /// <summary>The report in Maelstrom's shape ({time, unseen, messages}) plus the total count, or null when nothing is unseen.</summary>
    public static JsonObject? Find(KafkaAnalysis a)
    {
        var keys = a.History.Keys;
        var sentOk = keys.Select(k => new bool[k.Values.Count]).ToArray();
        var touchedBefore = new bool[keys.Count];
        KafkaOp? lastOp = null;
        foreach (var op in a.History.Ops)
        {
            if (op.Op.Type != OpType.Ok || !(op.IsPollLike || op.IsSendLike)) continue;
            if (lastOp is not null) Touch(lastOp, touchedBefore);
            lastOp = op;
            if (!op.IsSendLike) continue;
            foreach (var w in op.Writes)
                foreach (var m in w.Messages) sentOk[w.Key][m.Value] = true;
        }
        if (lastOp is null) return null;

        var onlyPolledAtEnd = lastOp.IsPollLike
            ? lastOp.Reads.Select(r => r.Key).Where(k => !touchedBefore[k] && !(lastOp.IsSendLike && lastOp.WritesOf(k) is not null)).ToHashSet()
            : [];
        var counts = new SortedDictionary<string, JsonNode?>(StringComparer.Ordinal);
        var messages = new SortedDictionary<string, JsonNode?>(StringComparer.Ordinal);
        var total = 0;
        for (var k = 0; k < keys.Count; k++)
        {
            var unseen = onlyPolledAtEnd.Contains(k)
                ? lastOp.ReadsOf(k)!.Messages.Select(m => m.Value).Distinct().ToList()
                : Enumerable.Range(0, sentOk[k].Length).Where(v => sentOk[k][v] && !a.ReadOk[k][v]).ToList();
            if (unseen.Count == 0) continue;
            total += unseen.Count;
            counts[keys[k].Name] = unseen.Count;
            messages[keys[k].Name] = new JsonArray([.. unseen.Select(keys[k].ValueJson).Order(JsonValueOrder.Instance).Take(MessagesShown)]);
        }
        if (total == 0) return null;
        return new JsonObject
        {
            ["time"] = lastOp.Op.Time,
            ["unseen"] = new JsonObject(counts),
            ["messages"] = new JsonObject(messages),
            ["count"] = total,
        };
    }

    private static void Touch(KafkaOp op, bool[] touched)
    {
        if (op.IsPollLike) foreach (var r in op.Reads) touched[r.Key] = true;
        if (op.IsSendLike) foreach (var w in op.Writes) touched[w.Key] = true;
    }
}
