namespace Glomers.Harness.Checkers.Txn;

/// <summary>
/// Elle's map of consistency models and anomalies (elle.consistency-model, as Maelstrom 0.2.5 uses
/// it): which anomaly implies which, which model implies which, and which anomalies each model rules
/// out directly. From these follow the anomalies a set of models prohibits and, for a set of anomalies
/// found, the weakest models they rule out (<c>not</c>) and the stronger ones (<c>also-not</c>).
/// </summary>
public static class ConsistencyModels
{
    // An anomaly points at the anomalies it implies: a G0 cycle is also a G1c, a lost update a G2-item.
    private static readonly Dag Implied = new(new()
    {
        ["G0"] = ["G1c", "G0-process"],
        ["G0-process"] = ["G1c-process", "G0-realtime"],
        ["G0-realtime"] = ["G1c-realtime"],
        ["G1a"] = ["G1"],
        ["G1b"] = ["G1"],
        ["G1c"] = ["G1", "G1c-process"],
        ["G1c-process"] = ["G1c-realtime", "G1-process"],
        ["G1c-realtime"] = ["G1-realtime"],
        ["G1"] = ["G1-process"],
        ["G1-process"] = ["G1-realtime"],
        ["G-single-item"] = ["G-single", "G-single-item-process", "G-nonadjacent-item"],
        ["G-single-item-process"] = ["G-single-process", "G-single-item-realtime", "G-nonadjacent-item-process"],
        ["G-single-item-realtime"] = ["G-single-realtime", "G-nonadjacent-item-realtime"],
        ["G-single"] = ["G-nonadjacent", "GSIb", "G-single-process"],
        ["G-single-process"] = ["G-nonadjacent-process", "G-single-realtime"],
        ["G-single-realtime"] = ["G-nonadjacent-realtime"],
        ["G-nonadjacent-item"] = ["G-nonadjacent", "G2-item", "G-nonadjacent-item-process"],
        ["G-nonadjacent-item-process"] = ["G-nonadjacent-process", "G2-item-process", "G-nonadjacent-item-realtime"],
        ["G-nonadjacent-item-realtime"] = ["G2-item-realtime", "G-nonadjacent-realtime"],
        ["G-nonadjacent"] = ["G2", "G-nonadjacent-process"],
        ["G-nonadjacent-process"] = ["G2-process", "G-nonadjacent-realtime"],
        ["G-nonadjacent-realtime"] = ["G2-realtime"],
        ["G2"] = ["G2-process"],
        ["G2-item"] = ["G2", "G2-item-process"],
        ["G2-item-process"] = ["G2-process", "G2-item-realtime"],
        ["G2-item-realtime"] = ["G2-realtime"],
        ["G2-process"] = ["G2-realtime"],
        ["GSIa"] = ["GSI"],
        ["GSIb"] = ["GSI"],
        ["incompatible-order"] = ["G1a"],
        ["future-read"] = ["G1c"],
        ["dirty-update"] = ["G1a"],
        ["lost-update"] = ["write-skew", "G2-item"],
        ["write-skew"] = ["G2"],
    });

    // Not implication, only how bad: Elle searches cycles in this order, worst first.
    private static readonly Dag Severity = new(new()
    {
        ["G0"] = ["G1c"],
        ["G0-process"] = ["G1c-process"],
        ["G0-realtime"] = ["G1c-realtime"],
        ["G1c"] = ["G-single", "G2-item"],
        ["G1c-process"] = ["G-single-process", "G2-item-process"],
        ["G1c-realtime"] = ["G-single-realtime", "G2-item-realtime"],
        ["G2"] = ["G0-process"],
        ["G2-process"] = ["G0-realtime"],
    });

    private static readonly Dictionary<string, string> CanonicalNames = new()
    {
        ["consistent-view"] = "PL-2+",
        ["conflict-serializable"] = "PL-3",
        ["cursor-stability"] = "PL-CS",
        ["forward-consistent-view"] = "PL-FCV",
        ["monotonic-snapshot-read"] = "PL-MSR",
        ["monotonic-view"] = "PL-2L",
        ["read-committed"] = "PL-2",
        ["read-uncommitted"] = "PL-1",
        ["repeatable-read"] = "PL-2.99",
        ["serializable"] = "PL-3",
        ["snapshot-isolation"] = "PL-SI",
        ["strict-serializable"] = "PL-SS",
        ["strong-serializable"] = "PL-SS",
        ["update-serializable"] = "PL-3U",
        ["strong-session-read-uncommitted"] = "strong-session-PL-1",
        ["strong-session-read-committed"] = "strong-session-PL-2",
        ["strong-read-uncommitted"] = "strong-PL-1",
        ["strong-read-committed"] = "strong-PL-2",
    };

    // The name Elle prints for a canonical one; PL-SS prints as strong-serializable, as Maelstrom's results show.
    private static readonly Dictionary<string, string> FriendlyNames = BuildFriendlyNames();

    // A model points at the models it implies (written with friendly names, canonicalised on load).
    private static readonly Dag Models = new(Canonical(new()
    {
        ["causal-cerone"] = ["read-atomic"],
        ["consistent-view"] = ["cursor-stability", "monotonic-view"],
        ["conflict-serializable"] = ["view-serializable"],
        ["cursor-stability"] = ["read-committed", "PL-2"],
        ["forward-consistent-view"] = ["consistent-view"],
        ["PL-2"] = ["PL-1"],
        ["PL-3"] = ["repeatable-read", "update-serializable"],
        ["update-serializable"] = ["forward-consistent-view"],
        ["monotonic-atomic-view"] = ["read-committed"],
        ["monotonic-view"] = ["PL-2"],
        ["monotonic-snapshot-read"] = ["PL-2"],
        ["parallel-snapshot-isolation"] = ["causal-cerone", "update-atomic"],
        ["prefix"] = ["causal-cerone"],
        ["read-atomic"] = ["monotonic-atomic-view"],
        ["read-committed"] = ["read-uncommitted"],
        ["repeatable-read"] = ["cursor-stability", "monotonic-atomic-view"],
        ["update-atomic"] = ["read-atomic"],
        ["serializable"] = ["repeatable-read", "snapshot-isolation", "view-serializable"],
        ["session-serializable"] = ["1SR"],
        ["snapshot-isolation"] = ["forward-consistent-view", "monotonic-atomic-view", "monotonic-snapshot-read", "parallel-snapshot-isolation", "prefix"],
        ["strict-serializable"] = ["PL-3", "serializable", "linearizable", "snapshot-isolation", "strong-snapshot-isolation", "strong-session-serializable"],
        ["strong-session-PL-1"] = ["PL-1"],
        ["strong-session-PL-2"] = ["PL-2", "strong-session-PL-1"],
        ["strong-PL-1"] = ["strong-session-PL-1"],
        ["strong-PL-2"] = ["strong-session-PL-2", "strong-PL-1"],
        ["strong-session-serializable"] = ["serializable", "strong-session-snapshot-isolation"],
        ["strong-session-snapshot-isolation"] = ["snapshot-isolation", "strong-session-PL-2"],
        ["strong-serializable"] = ["session-serializable"],
        ["strong-snapshot-isolation"] = ["strong-session-snapshot-isolation", "strong-PL-2"],
        ["linearizable"] = ["sequential"],
        ["sequential"] = ["causal"],
        ["causal"] = ["writes-follow-reads", "PRAM"],
        ["PRAM"] = ["monotonic-reads", "monotonic-writes", "read-your-writes"],
    }));

    // The anomalies each model rules out itself, beyond those of the weaker models it implies.
    private static readonly Dag DirectlyProscribed = new(Canonical(new()
    {
        ["causal-cerone"] = ["internal", "G1a"],
        ["cursor-stability"] = ["G1", "G-cursor", "lost-update"],
        ["monotonic-view"] = ["G1", "G-monotonic"],
        ["monotonic-snapshot-read"] = ["G1", "G-MSR"],
        ["consistent-view"] = ["G1", "G-single"],
        ["forward-consistent-view"] = ["G1", "G-SIb"],
        ["parallel-snapshot-isolation"] = ["internal", "G1a"],
        ["PL-3"] = ["G1", "G2", "predicate-read-miss", "PL-3-cycle-exists"],
        ["PL-2"] = ["G1", "PL-2-cycle-exists"],
        ["PL-1"] = ["G0", "duplicate-elements", "cyclic-versions", "PL-1-cycle-exists"],
        ["prefix"] = ["internal", "G1a"],
        ["serializable"] = ["internal"],
        ["snapshot-isolation"] = ["internal", "G1", "G-SI", "G-nonadjacent", "PL-SI-cycle-exists"],
        ["read-atomic"] = ["internal", "G1a", "future-read"],
        ["repeatable-read"] = ["G1", "G2-item", "PL-2.99-cycle-exists", "lost-update"],
        ["update-atomic"] = ["lost-update"],
        ["strict-serializable"] = ["G1", "G1c-realtime", "G2-realtime", "PL-SS-cycle-exists"],
        ["strong-session-PL-1"] = ["strong-session-PL-1-cycle-exists", "G0-process"],
        ["strong-session-PL-2"] = ["strong-session-PL-2-cycle-exists", "G1c-process"],
        ["strong-PL-1"] = ["strong-PL-1-cycle-exists", "G0-realtime"],
        ["strong-PL-2"] = ["strong-PL-2-cycle-exists", "G1c-realtime"],
        ["strong-session-snapshot-isolation"] = ["internal", "G1-process", "G-nonadjacent-process", "strong-session-snapshot-isolation-cycle-exists"],
        ["strong-snapshot-isolation"] = ["internal", "G1-realtime", "G-nonadjacent-realtime", "strong-snapshot-isolation-cycle-exists"],
        ["strong-session-serializable"] = ["G1-process", "G2-process", "strong-session-serializable-cycle-exists"],
        ["update-serializable"] = ["G1", "G-update"],
    }));

    private static readonly Dictionary<string, int> Depths = ComputeDepths();

    /// <summary>Every model name Elle knows, friendly or canonical.</summary>
    public static IReadOnlySet<string> Known { get; } =
        new HashSet<string>([.. Models.Vertices, .. CanonicalNames.Keys, .. CanonicalNames.Values]);

    public static string CanonicalName(string model) => CanonicalNames.GetValueOrDefault(model, model);

    public static string FriendlyName(string model) => FriendlyNames.GetValueOrDefault(model, model);

    /// <summary>The anomalies these anomalies imply, themselves included.</summary>
    public static IReadOnlySet<string> AllImplied(IEnumerable<string> anomalies) => Implied.Reachable(anomalies);

    /// <summary>The anomalies that would imply any of these, themselves included.</summary>
    public static IReadOnlySet<string> AllImplying(IEnumerable<string> anomalies) => Implied.Reaching(anomalies);

    /// <summary>The anomalies that cannot occur if all these models hold.</summary>
    public static IReadOnlySet<string> ProhibitedBy(IEnumerable<string> models)
    {
        var implied = Models.Reachable(models.Select(CanonicalName));
        return AllImplying(implied.SelectMany(DirectlyProscribed.Out));
    }

    /// <summary>The models that cannot hold once these (canonical or friendly) models are known not to.</summary>
    public static IReadOnlySet<string> AllImpossible(IEnumerable<string> models) => Models.Reaching(models.Select(CanonicalName));

    /// <summary>The models these anomalies rule out, as canonical names.</summary>
    public static IReadOnlySet<string> ImpossibleModels(IEnumerable<string> anomalies) =>
        AllImpossible(AllImplied(anomalies).SelectMany(DirectlyProscribed.In));

    /// <summary>
    /// Elle's boundary in friendly names: <c>not</c>, the weakest models the anomalies rule out, and
    /// <c>also-not</c>, every other model they rule out.
    /// </summary>
    public static (IReadOnlyList<string> Not, IReadOnlyList<string> AlsoNot) Boundary(IEnumerable<string> anomalies)
    {
        var impossible = ImpossibleModels(anomalies);
        // A model is among the weakest unless it implies another impossible one.
        var weakest = impossible.Where(m => !Models.Reachable([m]).Any(o => o != m && impossible.Contains(o))).ToHashSet();
        return (Friendly(weakest), Friendly(impossible.Where(m => !weakest.Contains(m))));
    }

    /// <summary>Elle's search order for anomalies: by depth in the implication and severity graphs, then by name.</summary>
    public static int CompareDepth(string a, string b)
    {
        var d = Depths.GetValueOrDefault(a).CompareTo(Depths.GetValueOrDefault(b));
        return d != 0 ? d : string.CompareOrdinal(a, b);
    }

    private static List<string> Friendly(IEnumerable<string> models) =>
        [.. models.Select(FriendlyName).Distinct().Order(StringComparer.Ordinal)];

    private static Dictionary<string, List<string>> Canonical(Dictionary<string, List<string>> m)
    {
        var result = new Dictionary<string, List<string>>();
        foreach (var (k, vs) in m)
        {
            var key = CanonicalName(k);
            if (!result.TryGetValue(key, out var list)) result[key] = list = [];
            list.AddRange(vs.Select(CanonicalName));
        }
        return result;
    }

    private static Dictionary<string, string> BuildFriendlyNames()
    {
        var m = new Dictionary<string, string>();
        foreach (var (friendly, canonical) in CanonicalNames) m.TryAdd(canonical, friendly);
        m["PL-3"] = "serializable";
        m["PL-SS"] = "strong-serializable";
        return m;
    }

    // Depth 0 for anomalies nothing implies; otherwise one more than the deepest anomaly pointing at it.
    private static Dictionary<string, int> ComputeDepths()
    {
        var edges = new Dictionary<string, HashSet<string>>();
        foreach (var dag in new[] { Implied, Severity })
            foreach (var v in dag.Vertices)
            {
                if (!edges.TryGetValue(v, out var outs)) edges[v] = outs = [];
                outs.UnionWith(dag.Out(v));
                foreach (var o in dag.Out(v)) edges.TryAdd(o, []);
            }
        var indegree = edges.Keys.ToDictionary(v => v, _ => 0);
        foreach (var outs in edges.Values) foreach (var o in outs) indegree[o]++;
        var depths = new Dictionary<string, int>();
        var layer = indegree.Where(p => p.Value == 0).Select(p => p.Key).ToList();
        for (var depth = 0; layer.Count > 0; depth++)
        {
            var next = new List<string>();
            foreach (var v in layer)
            {
                depths[v] = depth;
                foreach (var o in edges[v])
                    if (--indegree[o] == 0) next.Add(o);
            }
            layer = next;
        }
        return depths;
    }

    /// <summary>A small directed graph of names with reachability both ways.</summary>
    private sealed class Dag
    {
        private readonly Dictionary<string, HashSet<string>> _out = [];
        private readonly Dictionary<string, HashSet<string>> _in = [];

        public Dag(Dictionary<string, List<string>> edges)
        {
            foreach (var (from, tos) in edges)
                foreach (var to in tos)
                {
                    Get(_out, from).Add(to);
                    Get(_in, to).Add(from);
                    Get(_out, to);
                    Get(_in, from);
                }
        }

        public IEnumerable<string> Vertices => _out.Keys;

        public IEnumerable<string> Out(string v) => _out.TryGetValue(v, out var s) ? s : [];

        public IEnumerable<string> In(string v) => _in.TryGetValue(v, out var s) ? s : [];

        public IReadOnlySet<string> Reachable(IEnumerable<string> from) => Walk(from, _out);

        public IReadOnlySet<string> Reaching(IEnumerable<string> to) => Walk(to, _in);

        private static HashSet<string> Walk(IEnumerable<string> start, Dictionary<string, HashSet<string>> next)
        {
            var seen = new HashSet<string>(start);
            var queue = new Queue<string>(seen);
            while (queue.TryDequeue(out var v))
                if (next.TryGetValue(v, out var ns))
                    foreach (var n in ns)
                        if (seen.Add(n)) queue.Enqueue(n);
            return seen;
        }

        private static HashSet<string> Get(Dictionary<string, HashSet<string>> m, string k)
        {
            if (!m.TryGetValue(k, out var s)) m[k] = s = [];
            return s;
        }
    }
}
