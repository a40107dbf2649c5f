namespace Glomers.Harness.Checkers.Txn;

/// <summary>
/// Elle's cheap first pass over a component: for each model, whether the subgraph of the relations
/// that model forbids cycles in has a cycle at all. It names the weakest such models
/// (<c>PL-2-cycle-exists</c> and so on) and tells the cycle search which anomalies cannot be there.
/// Snapshot isolation's subgraph is an extension: its relations, plus one rw step after any of them.
/// </summary>
public static class CycleExists
{
    public sealed record Spec(string Model, Rel Union, Rel ExtendedBy)
    {
        public string Type => Model + "-cycle-exists";
    }

    public sealed record Case(Spec Spec, int[] Scc);

    public static IReadOnlyList<Spec> Specs { get; } =
    [
        new("PL-1", Rel.WW, Rel.None),
        new("PL-2", Rel.WW | Rel.WR, Rel.None),
        new("PL-SI", Rel.WW | Rel.WR, Rel.RW),
        new("PL-2.99", Rel.WW | Rel.WR | Rel.RW, Rel.None),
        new("PL-3", Rel.WW | Rel.WR | Rel.RW, Rel.None),
        new("strong-session-PL-1", Rel.WW | Rel.Process, Rel.None),
        new("strong-session-PL-2", Rel.WW | Rel.WR | Rel.Process, Rel.None),
        new("strong-session-snapshot-isolation", Rel.WW | Rel.WR | Rel.Process, Rel.RW),
        new("strong-session-serializable", Rel.WW | Rel.WR | Rel.RW | Rel.Process, Rel.None),
        new("strong-PL-1", Rel.WW | Rel.Realtime, Rel.None),
        new("strong-PL-2", Rel.WW | Rel.WR | Rel.Realtime, Rel.None),
        new("strong-snapshot-isolation", Rel.WW | Rel.WR | Rel.Realtime, Rel.RW),
        new("PL-SS", Rel.WW | Rel.WR | Rel.RW | Rel.Realtime, Rel.None),
    ];

    public static IReadOnlySet<string> Types { get; } = new HashSet<string>(Specs.Select(s => s.Type));

    /// <summary>The weakest models whose subgraph has a cycle in this component, each with its smallest cycle-carrying part.</summary>
    public static List<Case> Find(TxnGraph graph, IReadOnlyList<int> component)
    {
        var cases = new List<Case>();
        var ruledOut = new HashSet<string>();
        foreach (var spec in Specs)
        {
            if (ruledOut.Contains(spec.Model)) continue;
            var parts = spec.ExtendedBy == Rel.None
                ? CycleSearch.Parts(graph, component, rels => (rels & spec.Union) != 0)
                : ExtendedParts(graph, component, spec);
            if (parts.Count == 0) continue;
            cases.Add(new Case(spec, parts.OrderBy(p => p.Length).First()));
            ruledOut.UnionWith(ConsistencyModels.AllImpossible([spec.Model]));
        }
        return cases;
    }

    // A cycle in A ∪ (A;B) is a closed walk over A and B edges in which every B edge follows an A
    // edge: a cycle in the graph of (vertex, "last edge was B") pairs.
    private static List<int[]> ExtendedParts(TxnGraph graph, IReadOnlyList<int> component, Spec spec)
    {
        var local = new Dictionary<int, int>(component.Count);
        for (var i = 0; i < component.Count; i++) local[component[i]] = i;
        var parts = StronglyConnected.Components(component.Count * 2, (code, into) =>
        {
            var v = component[code / 2];
            var afterB = code % 2 == 1;
            var outs = graph.Out(v);
            var rels = graph.OutRels(v);
            for (var i = 0; i < outs.Count; i++)
            {
                if (!local.TryGetValue(outs[i], out var w)) continue;
                if ((rels[i] & spec.Union) != 0) into.Add(w * 2);
                if (!afterB && (rels[i] & spec.ExtendedBy) != 0) into.Add(w * 2 + 1);
            }
        });
        return [.. parts.Select(p => p.Select(code => component[code / 2]).Distinct().Order().ToArray())];
    }
}
