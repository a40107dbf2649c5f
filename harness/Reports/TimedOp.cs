using Glomers.Harness.History;

namespace Glomers.Harness.Reports;

/// <summary>A client operation as the plots see it: when it was invoked, how it ended, and how long it took.</summary>
public sealed record TimedOp(Op Invoke, Op? Completion)
{
    public long Start => Invoke.Time;

    /// <summary>The completion's time; an op that never completed is drawn to <paramref name="end"/>.</summary>
    public long EndOr(long end) => Completion?.Time ?? end;

    /// <summary>ok, fail or info; an op with no completion is info, as Jepsen treats it.</summary>
    public OpType Outcome => Completion?.Type ?? OpType.Info;

    public double LatencyMs => Completion is null ? double.NaN : (Completion.Time - Invoke.Time) / 1e6;

    public string F => Invoke.F;

    public static IReadOnlyList<TimedOp> From(IReadOnlyList<Op> history) =>
        [.. OpPair.Pair(history).Select(p => new TimedOp(p.Invoke, p.Completion))];
}
