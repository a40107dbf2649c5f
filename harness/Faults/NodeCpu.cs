namespace Glomers.Harness.Faults;

/// <summary>
/// A node's share of a busy machine, in virtual nanoseconds: when work that starts now is done,
/// given its processing cost and the stalls that fall inside it. Stalls come while the node works
/// (the scheduler takes the CPU from a running process, not from one that waits for input): after
/// an exponential amount of work, mean 1 / stalls-per-second s, the node is descheduled for a time
/// uniform in [0, 2 x mean stall], and the work it was doing finishes that much later.
/// Pure: one stream, no clock.
/// </summary>
public sealed class NodeCpu
{
    private readonly SlowModel model;
    private readonly Random random;
    private long workToStall;

    public NodeCpu(SlowModel model, Random random)
    {
        this.model = model;
        this.random = random;
        workToStall = NextGap();
    }

    public SlowModel Model => model;

    /// <summary>When a piece of work that the node starts at <paramref name="start"/> is done.</summary>
    public long Finish(long start)
    {
        var t = start;
        var left = Exponential(model.CostMs * 1e6);
        while (model.StallsPerSecond > 0 && left >= workToStall)
        {
            t += workToStall + (long)(random.NextDouble() * 2 * model.StallMs * 1e6);
            left -= workToStall;
            workToStall = NextGap();
        }
        workToStall -= left;
        return t + left;
    }

    private long NextGap() => model.StallsPerSecond <= 0 ? long.MaxValue : Math.Max(1, Exponential(1e9 / model.StallsPerSecond));

    private long Exponential(double mean) => mean <= 0 ? 0 : (long)(-mean * Math.Log(1 - random.NextDouble()));
}
