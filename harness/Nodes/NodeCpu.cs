using Glomers.Harness.Faults;

namespace Glomers.Harness.Nodes;

/// <summary>
/// A node's share of a busy machine, in virtual nanoseconds: when work that starts now is done,
/// given its processing cost and the stalls the node suffers meanwhile. Stalls come at their own
/// random times, whether the node has work or not; a stall that falls inside a piece of work
/// stretches it, as a descheduled process finishes its message later. Pure: one stream, no clock.
/// </summary>
public sealed class NodeCpu
{
    private readonly SlowModel model;
    private readonly Random random;
    private long stallStart;
    private long stallEnd;

    /// <param name="now">When the machine turned busy: the first stall comes after a random gap from then.</param>
    public NodeCpu(SlowModel model, Random random, long now)
    {
        this.model = model;
        this.random = random;
        stallEnd = now;
        stallStart = now;
        NextStall();
    }

    public SlowModel Model => model;

    /// <summary>When a piece of work that the node starts at <paramref name="start"/> is done.</summary>
    /// <remarks>One piece at a time: each start is no earlier than the previous result (stalls before it are forgotten).</remarks>
    public long Finish(long start)
    {
        var t = start;
        var left = Exponential(model.CostMs * 1e6);
        while (true)
        {
            while (stallEnd <= t && model.StallsPerSecond > 0) NextStall();
            if (model.StallsPerSecond <= 0 || t + left <= stallStart) return t + left;
            if (t >= stallStart)
            {
                t = stallEnd;
                continue;
            }
            left -= stallStart - t;
            t = stallEnd;
        }
    }

    /// <summary>The stall after the current one: a gap exponential at the stall rate, a length uniform in [0, 2 x mean].</summary>
    private void NextStall()
    {
        if (model.StallsPerSecond <= 0) return;
        stallStart = stallEnd + Exponential(1e9 / model.StallsPerSecond);
        stallEnd = stallStart + (long)(random.NextDouble() * 2 * model.StallMs * 1e6);
    }

    private long Exponential(double mean) => mean <= 0 ? 0 : (long)(-mean * Math.Log(1 - random.NextDouble()));
}
