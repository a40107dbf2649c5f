using Glomers.Harness.Cli;

namespace Glomers.Harness.Network;

/// <summary>Per-message latency, as Maelstrom draws it: constant, uniform integer in [0, 2·mean], or exponential.</summary>
public sealed class Latency(LatencyDist dist, double meanMs, Random random)
{
    public TimeSpan Next() => TimeSpan.FromMilliseconds(meanMs <= 0 ? 0 : dist switch
    {
        LatencyDist.Constant => meanMs,
        LatencyDist.Uniform => random.NextInt64(0, (long)(2 * meanMs) + 1),
        LatencyDist.Exponential => -meanMs * Math.Log(1 - random.NextDouble()),
        _ => meanMs,
    });
}
