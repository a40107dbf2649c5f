using System.Text.Json.Nodes;
using Glomers.Harness.History;

namespace Glomers.Harness.Checkers.Linearizable;

/// <summary>
/// Explains why one key is not linearizable, in Knossos's terms: <c>op</c> is the first completed op
/// that no linearization can place, <c>previous-ok</c> the completion before it, <c>configs</c> the
/// furthest states a linearization reached (with its <c>last-op</c> and the ops still <c>pending</c>),
/// <c>final-paths</c> the ways of applying pending ops from there, shortest first, each ending where
/// the op cannot happen, and <c>window</c> the history of just those ops.
/// </summary>
internal static class FailureReport
{
    private const int MaxPaths = 10;
    private const int MaxPathNodes = 20_000;
    private const int MaxPendingInPaths = 16;

    private sealed record Step(RegisterOp Op, int StateAfter);

    private sealed record PathNode(ReachedConfiguration From, int State, ulong Used, IReadOnlyList<RegisterOp> Pending, IReadOnlyList<Step> Steps);

    public static JsonObject Build(KeyHistory key, SearchOutcome.NotLinearizable outcome)
    {
        var stuck = outcome.Stuck;
        var pendingByConfig = outcome.Furthest
            .Select(c => (Config: c, Pending: key.Ops.Where(o => o.CallAt < stuck.ReturnAt && o.Id != stuck.Id && !c.Configuration.Contains(o.Id)).ToList()))
            .ToList();
        var lastOp = outcome.Furthest.Select(c => c.LastOp).OfType<RegisterOp>().MaxBy(o => Quoted(o).Index);
        var previousOk = stuck.Id > 0 ? key.Ops[stuck.Id - 1] : null;

        var windowOps = pendingByConfig.SelectMany(p => p.Pending).Append(stuck).Select(o => o.Id).ToHashSet();
        var window = key.Ops.Where(o => windowOps.Contains(o.Id))
            .SelectMany(o => o.Completion is null ? [o.Invoke] : new[] { o.Invoke, o.Completion })
            .OrderBy(op => op.Index)
            .Select(op => Quote(op, Unwrapped(op.Value)));

        return new JsonObject
        {
            ["valid?"] = false,
            ["analyzer"] = "wgl",
            ["op"] = Quote(stuck, key.Values),
            ["previous-ok"] = previousOk is null ? null : Quote(previousOk, key.Values),
            ["last-op"] = lastOp is null ? null : Quote(lastOp, key.Values),
            ["configs"] = new JsonArray([.. pendingByConfig.Select(p => (JsonNode)new JsonObject
            {
                ["model"] = Model(p.Config.Configuration.State, key.Values),
                ["last-op"] = p.Config.LastOp is null ? null : Quote(p.Config.LastOp, key.Values),
                ["pending"] = new JsonArray([.. p.Pending.Select(o => (JsonNode)Quote(o, key.Values))]),
            })]),
            ["final-paths"] = new JsonArray([.. FinalPaths(stuck, pendingByConfig, key.Values)]),
            ["window"] = new JsonArray([.. window]),
            ["op-count"] = key.Ops.Count,
            ["cached-states"] = outcome.CachedStates,
        };
    }

    public static JsonObject Model(int state, RegisterValues values) => new() { ["value"] = values.Value(state) };

    // Breadth first, so the shortest explanations come first; bounded, since pending ops can be many.
    private static IEnumerable<JsonNode> FinalPaths(RegisterOp stuck, List<(ReachedConfiguration Config, List<RegisterOp> Pending)> configs, RegisterValues values)
    {
        var queue = new Queue<PathNode>(configs.Select(c =>
            new PathNode(c.Config, c.Config.Configuration.State, 0, c.Pending.Take(MaxPendingInPaths).ToList(), [])));
        var seen = new HashSet<string>();
        var visited = 0;
        while (queue.Count > 0 && seen.Count < MaxPaths && visited++ < MaxPathNodes)
        {
            var node = queue.Dequeue();
            if (CasRegister.Step(node.State, stuck) == CasRegister.Inconsistent)
            {
                var path = new JsonArray();
                if (node.From.LastOp is { } last)
                    path.Add(new JsonObject { ["op"] = Quote(last, values), ["model"] = Model(node.From.Configuration.State, values) });
                foreach (var step in node.Steps)
                    path.Add(new JsonObject { ["op"] = Quote(step.Op, values), ["model"] = Model(step.StateAfter, values) });
                path.Add(new JsonObject { ["op"] = Quote(stuck, values), ["model"] = new JsonObject { ["msg"] = CasRegister.Why(node.State, stuck, values) } });
                if (seen.Add(path.ToJsonString())) yield return path;
            }
            for (var i = 0; i < node.Pending.Count; i++)
            {
                if ((node.Used & (1UL << i)) != 0) continue;
                var after = CasRegister.Step(node.State, node.Pending[i]);
                if (after == CasRegister.Inconsistent) continue;
                queue.Enqueue(node with { State = after, Used = node.Used | (1UL << i), Steps = [.. node.Steps, new Step(node.Pending[i], after)] });
            }
        }
    }

    private static Op Quoted(RegisterOp op) => op.Completion is { Type: OpType.Ok } ok ? ok : op.Invoke;

    /// <summary>An op as Knossos shows it within one key: its completion if it has one, its value without the key.</summary>
    private static JsonObject Quote(RegisterOp op, RegisterValues values) => Quote(Quoted(op), op.Kind switch
    {
        RegisterOpKind.Read => op.Arg == CasRegister.AnyValue ? null : values.Value(op.Arg),
        RegisterOpKind.Write => values.Value(op.Arg),
        _ => new JsonArray(values.Value(op.Arg), values.Value(op.To)),
    });

    private static JsonObject Quote(Op op, JsonNode? value)
    {
        var o = op.ToJson();
        o["value"] = value?.DeepClone();
        return o;
    }

    private static JsonNode? Unwrapped(JsonNode? value) => value is JsonArray { Count: 2 } tuple ? tuple[1] : value;
}
