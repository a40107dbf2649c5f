namespace Glomers.Harness.Checkers.Txn;

/// <summary>
/// The version order of each key, as far as the history proves it, Elle's rw-register inference
/// with <c>:wfr-keys? true</c> as Maelstrom runs it:
/// <list type="bullet">
/// <item>initial state: every key starts as nil, so nil precedes every value written (by an ok or info
/// txn) or read (by an ok txn);</item>
/// <item>writes follow reads: an ok txn that externally reads v and then writes v' to the same key
/// proves v &lt; v'.</item>
/// </list>
/// Writes are unique per key, so a value names its writer. Only the transactions' external values
/// count (a key's first read, a key's final write). If the second source makes some key's order
/// cyclic, the cycle is reported as cyclic-versions and that source is not used, as Elle does. The
/// process and realtime orders are not used to order versions (Maelstrom does not assume
/// sequential or linearizable keys).
/// </summary>
public sealed class VersionOrder
{
    public sealed record CyclicVersions(int Key, int[] Values);

    /// <summary>Per key, the proven "v1 precedes v2" pairs, nil (<see cref="MicroOp.Nil"/>) included.</summary>
    public Dictionary<int, HashSet<(int Before, int After)>> Edges { get; } = [];

    public List<CyclicVersions> Cycles { get; } = [];

    public IReadOnlyList<string> Sources { get; }

    public VersionOrder(TxnHistory history)
    {
        foreach (var t in history.Transactions)
        {
            if (t.Outcome is not (TxnOutcome.Ok or TxnOutcome.Info)) continue;
            foreach (var (k, v) in t.ExtWrites) Add(Edges, k, MicroOp.Nil, v);
            // An info txn's reads are unknown: only its writes may have happened.
            if (t.IsOk)
                foreach (var (k, v) in t.ExtReads)
                    if (v != MicroOp.Nil) Add(Edges, k, MicroOp.Nil, v);
        }

        var wfr = new Dictionary<int, HashSet<(int, int)>>();
        foreach (var t in history.Transactions)
        {
            if (!t.IsOk) continue;
            foreach (var (k, v) in t.ExtReads)
                if (v != MicroOp.Nil && t.TryExtWrite(k, out var written) && written != v) Add(wfr, k, v, written);
        }

        var cycles = FindCycles(wfr);
        if (cycles.Count == 0)
        {
            foreach (var (k, pairs) in wfr)
                foreach (var (a, b) in pairs) Add(Edges, k, a, b);
            Sources = ["initial-state", "wfr-keys"];
        }
        else
        {
            Cycles.AddRange(cycles);
            Sources = ["initial-state"];
        }
    }

    private static List<CyclicVersions> FindCycles(Dictionary<int, HashSet<(int Before, int After)>> order)
    {
        var cycles = new List<CyclicVersions>();
        foreach (var (key, pairs) in order.OrderBy(p => p.Key))
        {
            var ids = new Dictionary<int, int>();
            var values = new List<int>();
            var succ = new List<List<int>>();
            int Id(int v)
            {
                if (ids.TryGetValue(v, out var id)) return id;
                ids[v] = values.Count;
                values.Add(v);
                succ.Add([]);
                return values.Count - 1;
            }
            foreach (var (a, b) in pairs) succ[Id(a)].Add(Id(b));
            foreach (var scc in StronglyConnected.Components(values.Count, (v, into) => into.AddRange(succ[v])))
                cycles.Add(new CyclicVersions(key, [.. scc.Select(i => values[i]).Order()]));
        }
        return cycles;
    }

    private static void Add(Dictionary<int, HashSet<(int, int)>> m, int key, int before, int after)
    {
        if (!m.TryGetValue(key, out var set)) m[key] = set = [];
        set.Add((before, after));
    }
}
