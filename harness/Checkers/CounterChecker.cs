using System.Text.Json.Nodes;
using Glomers.Harness.History;

namespace Glomers.Harness.Checkers;

/// <summary>
/// Maelstrom's counter checker (g-counter and pn-counter): every final ok read must equal the sum of
/// the ok adds plus the deltas of some subset of the indefinite (info) adds. Failed adds never
/// happened, so they are ignored. An invocation left without a completion counts as indefinite.
/// </summary>
public sealed class CounterChecker : IChecker
{
    public CheckResult Check(CheckInput input)
    {
        long definite = 0;
        var indefinite = new List<long>();
        foreach (var (invoke, completion) in OpPair.Pair(input.History))
        {
            if (invoke.F != WorkloadOps.Add) continue;
            switch (completion?.Type)
            {
                case OpType.Ok:
                    definite = checked(definite + Delta(invoke, completion));
                    break;
                case OpType.Info or null:
                    indefinite.Add(Delta(invoke, completion));
                    break;
            }
        }

        var acceptable = IntegerRangeSet.Single(definite);
        // Subset sums do not depend on order; small deltas first keeps the ranges few and merged.
        foreach (var delta in indefinite.OrderBy(Math.Abs)) acceptable.UnionShifted(delta);

        var reads = input.History.Where(op => op.Final && op.Type == OpType.Ok && op.F == WorkloadOps.Read).ToList();
        var errors = reads.Where(r => !JsonNumbers.TryGetInt64(r.Value, out var v) || !acceptable.Contains(v)).ToList();

        return new CheckResult(errors.Count == 0 ? Validity.True : Validity.False, new JsonObject
        {
            ["errors"] = errors.Count == 0 ? null : new JsonArray([.. errors.Select(e => e.ToJson())]),
            ["final-reads"] = new JsonArray([.. reads.Select(r => r.Value?.DeepClone())]),
            ["acceptable"] = new JsonArray([.. acceptable.Ranges.Select(r => new JsonArray(r.Lo, r.Hi))]),
        });
    }

    // The completion normally repeats the delta; the invocation always has it.
    private static long Delta(Op invoke, Op? completion)
    {
        if (completion is not null && JsonNumbers.TryGetInt64(completion.Value, out var d)) return d;
        if (JsonNumbers.TryGetInt64(invoke.Value, out d)) return d;
        throw new InvalidDataException($"counter: add at index {invoke.Index} has delta {invoke.Value?.ToJsonString() ?? "null"}, not an integer");
    }
}
