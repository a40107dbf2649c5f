using Glomers.Harness.Checkers;

namespace Glomers.Broadcast.Tests.Bench;

/// <summary>
/// Steps 3a-3e of challenge-steps.txt on the real bench in sim mode, with the node's documented settings. Sim runs are
/// deterministic, so each bar holds or fails for good, never by the machine's load.
/// </summary>
public class ChallengeRunTests
{
    [Fact]
    public void SingleNodeBroadcastIsValid()
    {
        var run = BenchRun.Step("3a", seed: 1);

        Assert.Equal(Validity.True, run.Valid);
        Assert.Equal(0, run.MsgsPerOp);
    }

    [Theory]
    [InlineData("--mode direct")]
    [InlineData("--mode hub")]
    public void MultiNodeBroadcastIsValid(string nodeArgs)
    {
        var run = BenchRun.Step("3b", seed: 1, nodeArgs: nodeArgs);

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
        var run = BenchRun.Step("3c", seed, $"--topology {topology}", nodeArgs);

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
        var run = BenchRun.Step("3d", seed: 1);

        Assert.Equal(Validity.True, run.Valid);
        // Our targets for messages and max; the median target (80 ms) is below what 100 ms hops allow, so the public bar.
        Assert.True(run.MsgsPerOp <= 12.5, run.ToString());
        Assert.True(run.MedianMs < 400, run.ToString());
        Assert.True(run.MaxMs <= 120, run.ToString());
    }

    [Fact]
    public void HubModeMeetsTheEconomyTargetOfStep3e()
    {
        var run = BenchRun.Step("3e", seed: 1);

        Assert.Equal(Validity.True, run.Valid);
        Assert.True(run.MsgsPerOp <= 1.0, run.ToString());
        Assert.True(run.MedianMs < 1000, run.ToString());
        Assert.True(run.MaxMs < 2000, run.ToString());
    }

    [Theory]
    [InlineData("3d", 30)]
    [InlineData("3e", 20)]
    public void EfficientSettingsStayValidAndWithinThePublicMessageBarUnderPartitions(string step, double msgsPerOpBar)
    {
        var run = BenchRun.Step(step, seed: 2, "--nemesis partition");

        Assert.Equal(Validity.True, run.Valid);
        Assert.True(run.MsgsPerOp < msgsPerOpBar, run.ToString());
    }
}
