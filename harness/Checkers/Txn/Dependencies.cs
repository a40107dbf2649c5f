using Glomers.Harness.History;

namespace Glomers.Harness.Checkers.Txn;

/// <summary>
/// Builds the dependency graph: wr edges from each external read to the ok txn whose final write it
/// names; ww and rw edges from each proven version pair (v1 &lt; v2 of a key: the writer of v1, and
/// every txn that read v1, precede the writer of v2); and, when the checked models need them,
/// realtime or process edges. Only committed (ok) txns take part in data edges: a failed txn never
/// happened and an info txn's effects are unknown.
/// </summary>
public static class Dependencies
{
    /// <summary>
    /// The most data edges built. Every reader of nil precedes every writer of its key, so a node that
    /// always reads nil from one hot key could otherwise ask for billions; past this the analysis
    /// says it was cut short.
    /// </summary>
    public const long MaxDataEdges = 20_000_000;

    public static TxnGraph Build(TxnHistory history, VersionOrder versions, Rel orders, List<string> errors, long maxDataEdges = MaxDataEdges)
    {
        var txns = history.Transactions;
        var graph = new TxnGraph(txns.Count);
        var writer = new Dictionary<(int, int), int>();
        var readers = new Dictionary<(int, int), List<int>>();
        foreach (var t in txns)
        {
            if (!t.IsOk) continue;
            foreach (var (k, v) in t.ExtWrites)
                if (!writer.TryAdd((k, v), t.Id))
                    errors.Add($"key {history.KeyNode(k)?.ToJsonString()} had value {history.ValueNode(v)?.ToJsonString()} written by more than one txn (indexes {txns[writer[(k, v)]].Op.Index} and {t.Op.Index}); writes must be unique per key");
            foreach (var (k, v) in t.ExtReads)
            {
                if (!readers.TryGetValue((k, v), out var list)) readers[(k, v)] = list = [];
                list.Add(t.Id);
            }
        }

        foreach (var ((k, v), rs) in readers)
            if (v != MicroOp.Nil && writer.TryGetValue((k, v), out var w))
                foreach (var r in rs) graph.Link(w, r, Rel.WR);

        if (!LinkVersions(versions, writer, readers, graph, maxDataEdges))
            errors.Add($"the history implies more than {maxDataEdges} dependencies; ww and rw edges were cut short, so some cycles may be missed");

        if ((orders & Rel.Realtime) != 0) AddRealtime(history, graph);
        else if ((orders & Rel.Process) != 0) AddProcess(history, graph);
        return graph;
    }

    // For each proven v1 < v2: ww from v1's writer, rw from v1's readers, to v2's writer. False when cut short.
    private static bool LinkVersions(VersionOrder versions, Dictionary<(int, int), int> writer,
        Dictionary<(int, int), List<int>> readers, TxnGraph graph, long maxDataEdges)
    {
        foreach (var (k, pairs) in versions.Edges)
            foreach (var (v1, v2) in pairs)
            {
                if (!writer.TryGetValue((k, v2), out var w2)) continue;
                if (graph.EdgeCount > maxDataEdges) return false;
                if (writer.TryGetValue((k, v1), out var w1)) graph.Link(w1, w2, Rel.WW);
                if (readers.TryGetValue((k, v1), out var rs))
                    foreach (var r in rs) graph.Link(r, w2, Rel.RW);
            }
        return true;
    }

    // Elle's transitive reduction of realtime order: each invocation gets an edge from every ok txn
    // completed before it that no later-completed ok txn already follows.
    private static void AddRealtime(TxnHistory history, TxnGraph graph)
    {
        var completed = new HashSet<int>();
        var before = new Dictionary<int, int[]>();
        for (var i = 0; i < history.Ops.Count; i++)
        {
            var id = history.TxnOfOp[i];
            if (id < 0) continue;
            var t = history.Transactions[id];
            var op = history.Ops[i];
            if (op.Type == OpType.Invoke)
            {
                if (t.Completion is null) continue;
                var preds = completed.ToArray();
                before[id] = preds;
                foreach (var p in preds) graph.Link(p, id, Rel.Realtime);
            }
            else if (op.Type == OpType.Ok)
            {
                if (before.Remove(id, out var preds)) completed.ExceptWith(preds);
                completed.Add(id);
            }
        }
    }

    private static void AddProcess(TxnHistory history, TxnGraph graph)
    {
        var last = new Dictionary<int, int>();
        foreach (var t in history.Transactions.Where(t => t.IsOk).OrderBy(t => t.Completion!.Index))
        {
            if (last.TryGetValue(t.Completion!.Process, out var p)) graph.Link(p, t.Id, Rel.Process);
            last[t.Completion.Process] = t.Id;
        }
    }
}
