using System.Text.Json.Nodes;
using Glomers.Harness.History;

namespace Glomers.Harness.Checkers.Kafka;

/// <summary>
/// The cycles Elle can find in Maelstrom's kafka graph. Without write-write inference the graph has
/// only wr edges (send to the polls that read it) and realtime edges, and such a cycle exists exactly
/// when some ok poll read a value whose send was invoked after the poll completed: following the
/// edges otherwise never goes back in time. Each group of such reads whose windows overlap is one
/// strongly connected component, reported as Elle does: one G1c-realtime and one
/// strong-PL-2-cycle-exists. The component holds those reads' ops (Elle's would also count the ops
/// between them).
/// </summary>
internal static class FutureReads
{
    private sealed record Read(KafkaOp Writer, KafkaOp Reader, KafkaKey Key, int Value)
    {
        public int From => Reader.Position;
        public int To => Writer.Invocation!.Position;
    }

    public static (List<ErrorCase> Cycles, List<ErrorCase> CycleExists) Find(KafkaAnalysis a)
    {
        var reads = new List<Read>();
        foreach (var op in a.History.Ops)
        {
            if (op.Op.Type != OpType.Ok || !op.IsPollLike) continue;
            foreach (var r in op.Reads)
                foreach (var m in r.Messages)
                {
                    var w = a.WriterOf[r.Key][m.Value];
                    if (w is null || w == op || w.Op.Type is not (OpType.Ok or OpType.Info) || w.Invocation is null) continue;
                    if (w.Invocation.Position > op.Position) reads.Add(new Read(w, op, a.History.Keys[r.Key], m.Value));
                }
        }
        var cycles = new List<ErrorCase>();
        var exists = new List<ErrorCase>();
        foreach (var group in Components(reads))
        {
            var first = group[0];
            cycles.Add(new ErrorCase(2, () => new JsonObject
            {
                ["type"] = "G1c-realtime",
                ["cycle"] = new JsonArray(first.Writer.Op.ToJson(), first.Reader.Op.ToJson(), first.Writer.Op.ToJson()),
                ["steps"] = new JsonArray(
                    new JsonObject { ["type"] = "wr", ["key"] = first.Key.Name, ["value"] = first.Key.ValueJson(first.Value) },
                    new JsonObject { ["type"] = "realtime", ["a'"] = first.Reader.Op.ToJson(), ["b"] = first.Writer.Invocation!.Op.ToJson() }),
            }));
            var scc = group.SelectMany(r => new[] { r.Writer.Op.Index, r.Reader.Op.Index }).Distinct().Order().ToList();
            exists.Add(new ErrorCase(0, () => new JsonObject
            {
                ["type"] = "strong-PL-2-cycle-exists",
                ["not"] = "strong-read-committed",
                ["subgraph"] = new JsonArray("union", "ww", "wr", "realtime"),
                ["scc-size"] = scc.Count,
                ["scc"] = new JsonArray([.. scc.Select(i => (JsonNode)i)]),
            }));
        }
        return (cycles, exists);
    }

    /// <summary>Future reads whose windows (reader's completion, writer's invocation) overlap share a component.</summary>
    private static List<List<Read>> Components(List<Read> reads)
    {
        var groups = new List<List<Read>>();
        var end = int.MinValue;
        foreach (var r in reads.OrderBy(r => r.From))
        {
            if (groups.Count == 0 || r.From >= end)
            {
                groups.Add([r]);
                end = r.To;
            }
            else
            {
                groups[^1].Add(r);
                end = Math.Max(end, r.To);
            }
        }
        return groups;
    }

    /// <summary>
    /// Elle reports empty-transaction-graph when no two send or poll ops are related: none read
    /// another's value and none completed before another began.
    /// </summary>
    public static bool GraphIsEmpty(KafkaAnalysis a)
    {
        int firstOkCompletion = int.MaxValue, lastInvocation = int.MinValue;
        foreach (var op in a.History.Ops)
        {
            if (!(op.IsPollLike || op.IsSendLike) || op.Op.Type is not (OpType.Ok or OpType.Info)) continue;
            if (op.Op.Type == OpType.Ok) firstOkCompletion = Math.Min(firstOkCompletion, op.Position);
            if (op.Invocation is not null) lastInvocation = Math.Max(lastInvocation, op.Invocation.Position);
            foreach (var r in op.Reads)
                foreach (var m in r.Messages)
                    if (a.WriterOf[r.Key][m.Value] is { } w && w != op) return false;
        }
        return firstOkCompletion >= lastInvocation;
    }
}
