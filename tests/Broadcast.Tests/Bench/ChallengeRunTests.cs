using Glomers.Harness.Checkers;

namespace Glomers.Broadcast.Tests.Bench;

/// <summary>
/// Steps 3a-3e on the real bench in sim mode, with the node's documented settings. Sim runs are
/// deterministic, so each bar holds or fails for good, never by the machine's load.
/// </summary>
public class ChallengeRunTests
{
    private const string Efficiency = "--node-count 25 --time-limit 20 --rate 100 --latency 100";

    [Fact]
    public void SingleNodeBroadcastIsValid()
    {
        var run = BenchRun.Broadcast("--node-count 1 --time-limit 20 --rate 10", "", seed: 1);

        Assert.Equal(Validity.True, run.Valid);
        Assert.Equal(0, run.MsgsPerOp);
    }

    [Theory]
    [InlineData("--mode direct")]
    [InlineData("--mode hub")]
    public void MultiNodeBroadcastIsValid(string nodeArgs)
    {
        var run = BenchRun.Broadcast("--node-count 5 --time-limit 20 --rate 10", nodeArgs, seed: 1);

        Assert.Equal(Validity.True, run.Valid);
    }

    [Theory]
    [InlineData("--mode direct", "line", 1)]
    [InlineData("--mode direct", "tree", 2)]
    [InlineData("--mode direct", "grid", 3)]
    [InlineData("--mode hub", "line", 4)]
    [InlineData("--mode hub", "tree", 5)]
    [InlineData("--mode hub", "grid", 6)]
    public void FaultTolerantBroadcastIsValidUnderPartitions(string nodeArgs, string topology, int seed)
    {
        var run = BenchRun.Broadcast($"--node-count 5 --time-limit 20 --rate 10 --nemesis partition --topology {topology}", nodeArgs, seed);

        Assert.Equal(Validity.True, run.Valid);
    }

    // Seeds on which a partition is still on when the main phase ends; before repairs were passed on,
    // seed 70 needed 1.75 s (a node that got values by repair kept them to itself).
    // A bound of one anti-entropy period (1 s) plus one hop per overlay level, measured to within
    // one probe period (5 ms). There is no latency here; in hub mode a hop waits for the batch tick
    // (450 ms), so the bound is 1 s + 2 x 450 ms.
    [Theory]
    [InlineData("--mode direct", 70, 1005)]
    [InlineData("--mode direct", 34, 1005)]
    [InlineData("--mode direct", 99, 1005)]
    [InlineData("--mode hub", 70, 1905)]
    [InlineData("--mode hub", 20, 1905)]
    [InlineData("--mode hub", 121, 1905)]
    public void EveryNodeHoldsEveryValueWithinAPeriodAndAHopPerLevelOfTheFinalHeal(string nodeArgs, int seed, double boundMs)
    {
        var run = BenchRun.Broadcast(
            "--node-count 7 --time-limit 10 --rate 30 --topology line --nemesis partition --nemesis-interval 2 --recovery-time 2 --probe-convergence 5",
            nodeArgs, seed);

        Assert.Equal(Validity.True, run.Valid);
        Assert.InRange(run.ConvergeMs, 0, boundMs);
    }

    [Fact]
    public void DirectModeMeetsTheFrontierTargetsOfStep3d()
    {
        var run = BenchRun.Broadcast(Efficiency, "--mode direct", seed: 1);

        Assert.Equal(Validity.True, run.Valid);
        // Our targets for messages and max; the median target (80 ms) is below what 100 ms hops allow, so the public bar.
        Assert.True(run.MsgsPerOp <= 12.5, run.ToString());
        Assert.True(run.MedianMs < 400, run.ToString());
        Assert.True(run.MaxMs <= 120, run.ToString());
    }

    [Fact]
    public void HubModeMeetsTheEconomyTargetOfStep3e()
    {
        var run = BenchRun.Broadcast(Efficiency, "--mode hub", seed: 1);

        Assert.Equal(Validity.True, run.Valid);
        Assert.True(run.MsgsPerOp <= 1.0, run.ToString());
        Assert.True(run.MedianMs < 1000, run.ToString());
        Assert.True(run.MaxMs < 2000, run.ToString());
    }

    [Theory]
    [InlineData("--mode direct", 30)]
    [InlineData("--mode hub", 20)]
    public void EfficientSettingsStayValidAndWithinThePublicMessageBarUnderPartitions(string nodeArgs, double msgsPerOpBar)
    {
        var run = BenchRun.Broadcast(Efficiency + " --nemesis partition", nodeArgs, seed: 2);

        Assert.Equal(Validity.True, run.Valid);
        Assert.True(run.MsgsPerOp < msgsPerOpBar, run.ToString());
    }
}
