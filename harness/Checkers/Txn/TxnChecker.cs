using System.Text.Json.Nodes;

namespace Glomers.Harness.Checkers.Txn;

/// <summary>
/// Maelstrom's txn-rw-register checker: Elle's rw-register analysis (with writes-follow-reads version
/// inference) judged against <c>--consistency-models</c>. It reports Maelstrom's keys:
/// <c>anomaly-types</c> (sorted), <c>anomalies</c> (type → cases), and <c>not</c> / <c>also-not</c>,
/// the models the anomalies rule out. Valid when no anomaly the models prohibit was found (the graph
/// being empty counts as one, as in Maelstrom). Beyond Maelstrom it reports write cycles as G0 under
/// every model (<see cref="WriteCycles"/>) and dirty updates; a cycle search that runs out of budget
/// is listed under <c>cycle-search-timeout</c> (Maelstrom drops it) and, if nothing else was found,
/// makes the verdict unknown. A malformed op or duplicate write is named under <c>errors</c>.
/// </summary>
public sealed class TxnChecker : IChecker
{
    private const string EmptyGraph = "empty-transaction-graph";
    private const string SearchTimeout = "cycle-search-timeout";

    public CheckResult Check(CheckInput input) => Check(input.History, input.Options.ConsistencyModels);

    /// <param name="searchBudget">Edges one cycle search may examine in one component (see <see cref="CycleSearch"/>).</param>
    public static CheckResult Check(IReadOnlyList<History.Op> ops, IReadOnlyList<string> models, long searchBudget = CycleSearch.StepBudget)
    {
        var unknownModels = models.Where(m => !ConsistencyModels.Known.Contains(m)).ToList();
        if (unknownModels.Count > 0)
            return new CheckResult(Validity.Unknown, new JsonObject { ["error"] = $"unknown consistency model(s): {string.Join(", ", unknownModels)}" });

        var prohibited = ConsistencyModels.ProhibitedBy(models.Count == 0 ? ["strict-serializable"] : models);
        var reportable = new HashSet<string>(prohibited) { EmptyGraph, SearchTimeout };
        // Realtime edges only when some prohibited anomaly needs them, process edges likewise (Elle's choice).
        var orders = reportable.Any(t => CycleSpec.AllTypes.Contains(t) && t.EndsWith("-realtime", StringComparison.Ordinal)) ? Rel.Realtime
            : reportable.Any(t => CycleSpec.AllTypes.Contains(t) && t.EndsWith("-process", StringComparison.Ordinal)) ? Rel.Process
            : Rel.None;

        var history = new TxnHistory(ops);
        var versions = new VersionOrder(history);
        var errors = new List<string>(history.Malformed);
        var graph = Dependencies.Build(history, versions, orders, errors);
        var explainer = new CycleExplainer(history, versions);

        var anomalies = new Dictionary<string, JsonNode?>();
        var adder = Adder(anomalies);
        if (graph.EdgeCount == 0) anomalies[EmptyGraph] = true;
        adder("cyclic-versions", versions.Cycles.Select(c => (JsonNode)new JsonObject
        {
            ["key"] = history.KeyNode(c.Key),
            ["scc"] = new JsonArray([.. c.Values.Select(v => history.ValueNode(v))]),
            ["sources"] = new JsonArray("initial-state", "wfr-keys"),
        }));
        var items = new ItemAnomalies(history);
        adder("G1a", items.AbortedReads());
        adder("G1b", items.IntermediateReads());
        adder("internal", items.Internal());
        adder("lost-update", items.LostUpdates());
        adder("dirty-update", items.DirtyUpdates());
        adder("G0", WriteCycles.Find(history));

        // Cycle types the models allow only shape not / also-not, which a valid result does not print:
        // search them only once the history is known to be invalid. Elle's skipping of implied
        // types never lets such a type hide a prohibited one, so both passes agree on those.
        var cycles = new Dictionary<string, JsonNode?>();
        var invalid = anomalies.Keys.Any(reportable.Contains);
        FindCycles(graph, explainer, searchBudget, reportable, invalid ? null : reportable, Adder(cycles));
        if (!invalid && cycles.Keys.Any(t => t != SearchTimeout && reportable.Contains(t)))
        {
            cycles.Clear();
            FindCycles(graph, explainer, searchBudget, reportable, null, Adder(cycles));
        }
        foreach (var (type, cases) in cycles) adder(type, cases!.AsArray().Select(c => c!.DeepClone()));

        return Result(anomalies, reportable, errors);
    }

    private static Action<string, IEnumerable<JsonNode>> Adder(Dictionary<string, JsonNode?> anomalies) => (type, cases) =>
    {
        var list = cases.ToList();
        if (list.Count == 0) return;
        if (anomalies.TryGetValue(type, out var existing)) foreach (var c in list) ((JsonArray)existing!).Add(c);
        else anomalies[type] = new JsonArray([.. list]);
    };

    /// <param name="only">When given, the only cycle types searched for.</param>
    private static void FindCycles(TxnGraph graph, CycleExplainer explainer, long budget, IReadOnlySet<string> reportable,
        IReadOnlySet<string>? only, Action<string, IEnumerable<JsonNode>> add)
    {
        var components = StronglyConnected.Components(graph.VertexCount, (v, into) => into.AddRange(graph.Out(v)));
        if (components.Count == 0) return;
        var present = graph.AllRels();
        var search = new CycleSearch(graph, budget);
        foreach (var scc in components)
        {
            var exists = CycleExists.Find(graph, scc);
            foreach (var c in exists) add(c.Spec.Type, [CycleExistsCase(c, explainer)]);
            // Models whose subgraph has no cycle here hold in this component: what they forbid is absent.
            var ruledOut = ConsistencyModels.AllImpossible(exists.Select(c => c.Spec.Model));
            var holding = CycleExists.Specs.Select(s => s.Model).Where(m => !ruledOut.Contains(m));
            var redundant = new HashSet<string>(ConsistencyModels.ProhibitedBy(holding).Where(CycleSpec.AllTypes.Contains));
            foreach (var spec in CycleSpec.All)
            {
                if (redundant.Contains(spec.Name) || (only is not null && !only.Contains(spec.Name))
                    || (spec.Variant != Rel.None && (present & spec.Variant) == 0)) continue;
                var (outcome, cycle) = search.Find(scc, spec);
                if (outcome == CycleSearch.Outcome.Found)
                {
                    add(spec.Name, [explainer.Cycle(spec.Name, cycle!)]);
                    redundant.UnionWith(ConsistencyModels.AllImplied([spec.Name]));
                }
                else if (outcome == CycleSearch.Outcome.Timeout && reportable.Contains(spec.Name))
                {
                    // Only the verdict's own anomalies count; the model's cycle-exists case above still stands.
                    add(SearchTimeout, [new JsonObject { ["anomaly-spec-type"] = spec.Name, ["scc-size"] = scc.Length }]);
                }
            }
        }
    }

    private static JsonObject CycleExistsCase(CycleExists.Case c, CycleExplainer explainer)
    {
        var subgraph = new JsonArray();
        foreach (var rel in new[] { Rel.WW, Rel.WR, Rel.RW, Rel.Realtime, Rel.Process })
            if ((c.Spec.Union & rel) != 0) subgraph.Add(RelNames.Name(rel));
        return new JsonObject
        {
            ["type"] = c.Spec.Type,
            ["not"] = ConsistencyModels.FriendlyName(c.Spec.Model),
            ["subgraph"] = c.Spec.ExtendedBy == Rel.None
                ? new JsonArray("union", subgraph)
                : new JsonArray("extension", new JsonArray("union", subgraph), RelNames.Name(c.Spec.ExtendedBy)),
            ["scc-size"] = c.Scc.Length,
            ["scc"] = new JsonArray([.. c.Scc.Select(v => (JsonNode)explainer.OpIndex(v))]),
        };
    }

    // Elle's result-map under Maelstrom's wrapper.
    private static CheckResult Result(Dictionary<string, JsonNode?> anomalies, HashSet<string> reportable, List<string> errors)
    {
        var shown = anomalies.Where(a => reportable.Contains(a.Key)).ToDictionary(a => a.Key, a => a.Value);
        // A cycle-exists case says little once a specific anomaly rules out the same model.
        var others = shown.Keys.Where(t => !CycleExists.Types.Contains(t));
        var impossible = ConsistencyModels.ImpossibleModels(others);
        foreach (var spec in CycleExists.Specs)
            if (impossible.Contains(spec.Model)) shown.Remove(spec.Type);

        var types = shown.Keys.Where(t => t != SearchTimeout).Order(StringComparer.Ordinal).ToList();
        var valid = types.Count > 0 ? Validity.False
            : shown.ContainsKey(SearchTimeout) || errors.Count > 0 ? Validity.Unknown
            : Validity.True;
        var details = new JsonObject
        {
            ["anomaly-types"] = new JsonArray([.. types.Select(t => (JsonNode)t)]),
            ["anomalies"] = shown.Count == 0 ? null : new JsonObject(shown.OrderBy(a => a.Key, StringComparer.Ordinal)
                .Select(a => KeyValuePair.Create(a.Key, a.Value))),
        };
        if (shown.Count > 0)
        {
            var (not, alsoNot) = ConsistencyModels.Boundary(anomalies.Keys);
            details["not"] = new JsonArray([.. not.Select(m => (JsonNode)m)]);
            details["also-not"] = new JsonArray([.. alsoNot.Select(m => (JsonNode)m)]);
        }
        if (errors.Count > 0) details["errors"] = new JsonArray([.. errors.Select(e => (JsonNode)e)]);
        return new CheckResult(valid, details);
    }
}
