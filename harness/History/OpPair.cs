namespace Glomers.Harness.History;

/// <summary>A client invocation and its completion; <see cref="Completion"/> is null while none was recorded.</summary>
public sealed record OpPair(Op Invoke, Op? Completion)
{
    /// <summary>
    /// Pairs each client invocation with the next completion of the same process, in history
    /// order (Jepsen's pair-index). Nemesis ops and completions without an invocation are skipped.
    /// </summary>
    public static IReadOnlyList<OpPair> Pair(IReadOnlyList<Op> history)
    {
        var pairs = new List<OpPair>();
        var open = new Dictionary<int, int>();
        foreach (var op in history)
        {
            if (op.IsNemesis) continue;
            if (op.Type == OpType.Invoke)
            {
                open[op.Process] = pairs.Count;
                pairs.Add(new OpPair(op, null));
            }
            else if (open.Remove(op.Process, out var at))
            {
                pairs[at] = pairs[at] with { Completion = op };
            }
        }
        return pairs;
    }

    /// <summary>For every paired completion, its invocation.</summary>
    public static IReadOnlyDictionary<Op, Op> InvocationsByCompletion(IReadOnlyList<Op> history) =>
        Pair(history).Where(p => p.Completion is not null)
            .ToDictionary<OpPair, Op, Op>(p => p.Completion!, p => p.Invoke, ReferenceEqualityComparer.Instance);
}
