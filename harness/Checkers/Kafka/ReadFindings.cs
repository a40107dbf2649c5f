using System.Text.Json.Nodes;
using Glomers.Harness.History;

namespace Glomers.Harness.Checkers.Kafka;

/// <summary>Errors about what polls saw: failed sends read, own sends read, and acknowledged sends missed.</summary>
internal static class ReadFindings
{
    /// <summary>G1a: an ok poll read a value whose send failed. One case per value read.</summary>
    public static List<ErrorCase> AbortedReads(KafkaAnalysis a)
    {
        var cases = new List<ErrorCase>();
        foreach (var op in a.History.Ops)
        {
            if (op.Op.Type != OpType.Ok || !op.IsPollLike) continue;
            foreach (var r in op.Reads)
                foreach (var m in r.Messages)
                {
                    if (!a.FailedWrite[r.Key][m.Value]) continue;
                    var (key, value, reader) = (a.History.Keys[r.Key], m.Value, op);
                    var writer = a.WriterOf[r.Key][m.Value];
                    cases.Add(new ErrorCase(0, () => new JsonObject
                    {
                        ["key"] = key.Name,
                        ["value"] = key.ValueJson(value),
                        ["writer"] = writer?.Op.ToJson(),
                        ["reader"] = reader.Op.ToJson(),
                    }));
                }
        }
        return cases;
    }

    /// <summary>precommitted-read: a transaction polled a value it sent itself. One case per op.</summary>
    public static List<ErrorCase> PrecommittedReads(KafkaAnalysis a)
    {
        var cases = new List<ErrorCase>();
        foreach (var op in a.History.Ops)
        {
            if (op.Op.F != KafkaOps.Txn) continue;
            foreach (var w in op.Writes)
            {
                var reads = op.ReadsOf(w.Key);
                if (reads is null) continue;
                var bad = w.Messages.Select(m => m.Value).FirstOrDefault(v => reads.Messages.Any(m => m.Value == v), -1);
                if (bad < 0) continue;
                var (key, value, reader) = (a.History.Keys[w.Key], bad, op);
                cases.Add(new ErrorCase(0, () => new JsonObject
                {
                    ["op"] = reader.Op.ToJson(),
                    ["key"] = key.Name,
                    ["value"] = key.ValueJson(value),
                }));
                break;
            }
        }
        return cases;
    }

    /// <summary>
    /// lost-write: a value that must have been read, because some ok poll read a value at a higher index
    /// of its key, yet no ok poll read it, while its send was ok or provably took effect. Values that
    /// appear at several indices count from their last one, so a conflicting log cannot invent losses.
    /// </summary>
    public static List<ErrorCase> LostWrites(KafkaAnalysis a)
    {
        var cases = new List<ErrorCase>();
        for (var k = 0; k < a.Orders.Length; k++)
        {
            var order = a.Orders[k];
            var readOk = a.ReadOk[k];
            var bound = -1;
            for (var v = 0; v < readOk.Length; v++)
                if (readOk[v] && order.FirstIndex[v] > bound) bound = order.FirstIndex[v];
            if (bound < 0) continue;

            var mustRead = Enumerable.Range(0, readOk.Length)
                .Where(v => order.LastIndex[v] >= 0 && order.LastIndex[v] <= bound)
                .OrderBy(v => order.LastIndex[v]);
            KafkaOp? maxRead = null;
            var atBound = Enumerable.Range(0, readOk.Length).Where(v => order.LastIndex[v] == bound).ToList();
            if (atBound.Count > 0) maxRead = a.FirstReaderOf[k][ClojureSetOrder.First(atBound, order.Key)];

            foreach (var v in mustRead)
            {
                if (readOk[v]) continue;
                var writer = a.WriterOf[k][v];
                if (writer is null || !a.MustHaveCommitted(writer)) continue;
                var (key, value, index, maxIndex, maxReader) = (order.Key, v, order.FirstIndex[v], bound, maxRead);
                cases.Add(new ErrorCase(0, () => new JsonObject
                {
                    ["key"] = key.Name,
                    ["value"] = key.ValueJson(value),
                    ["index"] = index,
                    ["max-read-index"] = maxIndex,
                    ["writer"] = writer.Op.ToJson(),
                    ["max-read"] = maxReader?.Op.ToJson(),
                }));
            }
        }
        return cases;
    }
}
