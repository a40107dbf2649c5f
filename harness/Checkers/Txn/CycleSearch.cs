namespace Glomers.Harness.Checkers.Txn;

/// <summary>
/// Looks for a cycle of a given <see cref="CycleSpec"/> inside one strongly connected component.
/// The component is first cut down to the edges the spec may use, and split again into strongly
/// connected parts, since a cycle never leaves one. Each candidate cycle is anchored on an edge the
/// spec needs (its rw, its wr, its order edge) and closed by a breadth-first search over (vertex,
/// state) pairs, the state counting rw edges, remembering whether the last edge was rw, and whether
/// a wr or order edge was taken. The first simple cycle found is returned; the search gives up once
/// it has examined its budget of edges (<see cref="StepBudget"/> by default) for one spec in one component, or
/// <see cref="TotalBudget"/> in all, so that a pathological history ends with "cycle-search-timeout", not a hang.
/// </summary>
public sealed class CycleSearch
{
    public const int StepBudget = 4_000_000;

    /// <summary>Edges one checker run may examine over all its searches; past it every search times out.</summary>
    public const long TotalBudget = 150_000_000;
    private const int States = 64;
    private const int RwCountMask = 3, LastRw = 4, AdjacentRw = 8, HasWr = 16, HasVariant = 32;

    public enum Outcome { Found, None, Timeout }

    /// <summary>A cycle: its transactions, the first repeated at the end, and the relation of each step.</summary>
    public sealed record Cycle(int[] Txns, Rel[] Steps);

    private readonly TxnGraph _graph;
    private readonly int[] _visited;
    private readonly int[] _parent;
    private readonly int[] _part;
    private readonly Queue<int> _queue = new();
    private int _epoch;
    private long _steps;
    private long _spent;

    private readonly long _budget;

    public CycleSearch(TxnGraph graph, long budget = StepBudget)
    {
        _graph = graph;
        _budget = budget;
        _visited = new int[graph.VertexCount * States];
        _parent = new int[graph.VertexCount * States];
        _part = new int[graph.VertexCount];
    }

    public (Outcome Outcome, Cycle? Cycle) Find(IReadOnlyList<int> component, CycleSpec spec)
    {
        if (_spent > TotalBudget) return (Outcome.Timeout, null);
        var parts = Parts(_graph, component, rels => Usable(spec, rels));
        for (var p = 0; p < parts.Count; p++)
            foreach (var v in parts[p]) _part[v] = p + 1;

        _steps = 0;
        try
        {
            for (var p = 0; p < parts.Count; p++)
                foreach (var a in parts[p])
                {
                    var outs = _graph.Out(a);
                    var rels = _graph.OutRels(a);
                    for (var i = 0; i < outs.Count; i++)
                    {
                        if (RelNames.Label(rels[i]) != spec.Anchor || _part[outs[i]] != p + 1) continue;
                        var start = Step(spec, 0, spec.Anchor);
                        if (start < 0) continue;
                        var cycle = Close(spec, a, outs[i], start, p + 1);
                        if (cycle is not null) return (Outcome.Found, cycle);
                        if (_steps > _budget) return (Outcome.Timeout, null);
                    }
                }
            return (Outcome.None, null);
        }
        finally
        {
            _spent += _steps;
            foreach (var part in parts) foreach (var v in part) _part[v] = 0;
        }
    }

    /// <summary>The strongly connected parts of a component when only edges passing <paramref name="keep"/> count.</summary>
    public static List<int[]> Parts(TxnGraph graph, IReadOnlyList<int> component, Func<Rel, bool> keep)
    {
        var local = new Dictionary<int, int>(component.Count);
        for (var i = 0; i < component.Count; i++) local[component[i]] = i;
        var parts = StronglyConnected.Components(component.Count, (v, into) =>
        {
            var outs = graph.Out(component[v]);
            var rels = graph.OutRels(component[v]);
            for (var i = 0; i < outs.Count; i++)
                if (local.TryGetValue(outs[i], out var w) && keep(rels[i])) into.Add(w);
        });
        return [.. parts.Select(p => p.Select(i => component[i]).ToArray())];
    }

    private static bool Usable(CycleSpec spec, Rel rels) => (RelNames.Label(rels) & spec.Allowed) != 0;

    // Breadth-first from b (just reached from a by the anchor edge) back to a, within one part.
    private Cycle? Close(CycleSpec spec, int a, int b, int startState, int part)
    {
        _epoch++;
        _queue.Clear();
        var startCode = b * States + startState;
        _visited[startCode] = _epoch;
        _parent[startCode] = -1;
        _queue.Enqueue(startCode);
        while (_queue.TryDequeue(out var code))
        {
            var v = code / States;
            var state = code % States;
            var outs = _graph.Out(v);
            var rels = _graph.OutRels(v);
            for (var i = 0; i < outs.Count; i++)
            {
                if (++_steps > _budget) return null;
                var w = outs[i];
                if (_part[w] != part) continue;
                var label = RelNames.Label(rels[i]);
                if ((label & spec.Allowed) == 0) continue;
                var next = Step(spec, state, label);
                if (next < 0) continue;
                if (w == a)
                {
                    if (!Accepts(spec, next)) continue;
                    var cycle = Rebuild(a, code);
                    if (cycle is not null) return cycle;
                    continue;
                }
                var nextCode = w * States + next;
                if (_visited[nextCode] == _epoch) continue;
                _visited[nextCode] = _epoch;
                _parent[nextCode] = code;
                _queue.Enqueue(nextCode);
            }
        }
        return null;
    }

    private Cycle? Rebuild(int a, int lastCode)
    {
        var path = new List<int>();
        for (var c = lastCode; c >= 0; c = _parent[c]) path.Add(c / States);
        path.Add(a);
        path.Reverse();
        // A shortest walk can pass a vertex twice in different states; only a simple cycle is an answer.
        if (path.Distinct().Count() != path.Count) return null;
        path.Add(a);
        var steps = new Rel[path.Count - 1];
        for (var i = 0; i < steps.Length; i++) steps[i] = RelNames.Label(_graph.RelsOf(path[i], path[i + 1]));
        return new Cycle([.. path], steps);
    }

    private static int Step(CycleSpec spec, int state, Rel label)
    {
        if (label == Rel.RW)
        {
            var count = state & RwCountMask;
            var last = (state & LastRw) != 0;
            switch (spec.Rw)
            {
                case RwRule.None: return -1;
                case RwRule.Single when count >= 1: return -1;
                case RwRule.Nonadjacent when last: return -1;
            }
            if (last) state |= AdjacentRw;
            return (state & ~RwCountMask) | Math.Min(2, count + 1) | LastRw;
        }
        state &= ~LastRw;
        if (label == Rel.WR) state |= HasWr;
        if (spec.Variant != Rel.None && label == spec.Variant) state |= HasVariant;
        return state;
    }

    private static bool Accepts(CycleSpec spec, int state)
    {
        var count = state & RwCountMask;
        var last = (state & LastRw) != 0;
        var rwOk = spec.Rw switch
        {
            RwRule.None => count == 0,
            RwRule.Single => count == 1,
            // Every cycle with rw edges starts with one: ending on rw would put two side by side.
            RwRule.Nonadjacent => count >= 2 && !last,
            _ => count >= 2 && ((state & AdjacentRw) != 0 || last),
        };
        return rwOk
            && (!spec.NeedsWr || (state & HasWr) != 0)
            && (spec.Variant == Rel.None || (state & HasVariant) != 0);
    }
}
