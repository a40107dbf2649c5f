using Glomers.Tests.Shared;

namespace Glomers.KafkaLog.Tests.Bench;

/// <summary>Steps 5a-5c of challenge-steps.txt through the real bench, in simulation and with real processes, with and without faults.</summary>
public class ChallengeRunTests
{
    private static readonly string Step5a = ChallengeSteps.Get("5a").FlagsWithoutWorkload;
    private static readonly string Step5c = ChallengeSteps.Get("5c").FlagsWithoutWorkload;

    [Fact]
    public void OneNodeIsValidWithoutAnyMessage()
    {
        var run = KafkaRun.Execute("sim", 1, Step5a);

        Assert.True(run.Valid == Harness.Checkers.Validity.True, run.ToString());
        Assert.Equal(0, run.MsgsPerOp);
        Assert.True(run.Availability >= 0.999, run.ToString());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void TwoNodesAreValidWithinATenthOfAMessagePerOp(int seed)
    {
        var run = KafkaRun.Execute("sim", seed, Step5c);

        Assert.True(run.Valid == Harness.Checkers.Validity.True, run.ToString());
        Assert.True(run.MsgsPerOp <= 0.1, run.ToString());
        Assert.True(run.Availability >= 0.999, run.ToString());
        Assert.True(run.SendsOk > 5000, run.ToString());
    }

    [Fact]
    public void TwoNodesStayValidOnABusyMachine()
    {
        var run = KafkaRun.Execute("sim", 3, ChallengeSteps.Get("5c").SweepRunFlags);

        Assert.True(run.Valid == Harness.Checkers.Validity.True, run.ToString());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void PartitionsCostNothingButVisibility(int seed)
    {
        var run = KafkaRun.Execute("sim", seed, Step5c + " --nemesis partition");

        Assert.True(run.Valid == Harness.Checkers.Validity.True, run.ToString());
        Assert.True(run.Availability >= 0.999, run.ToString());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void DurableNodesLoseNothingWhenKilled(int seed)
    {
        var run = KafkaRun.Execute("sim", seed, Step5c + " --nemesis kill", "--durable");

        Assert.True(run.Valid == Harness.Checkers.Validity.True, run.ToString());
        Assert.True(run.SendsOk > 1000, run.ToString());
    }

    [Fact]
    public void WithoutDurabilityAKilledNodeLosesAcknowledgedSends()
    {
        // Seed 4 kills a node while its last sends have not reached the peer.
        var run = KafkaRun.Execute("sim", 4, Step5c + " --nemesis kill");

        Assert.True(run.Valid == Harness.Checkers.Validity.False, run.ToString());
        Assert.Contains("lost-write", run.ErrorTypes);
    }

    [Fact]
    public void RealProcessesPassAShortRun()
    {
        var run = KafkaRun.Execute("process", 5, "--node-count 2 --concurrency 2n --time-limit 4 --rate 200 --recovery-time 2");

        Assert.True(run.Valid == Harness.Checkers.Validity.True, run.ToString());
        Assert.True(run.SendsOk > 10, run.ToString());
    }
}
