namespace Glomers.GCounter.Tests.Bench;

/// <summary>Step 4 through the real bench: both workloads, partitions and the bench's other faults, several seeds.</summary>
public class ChallengeRunTests
{
    private const string Challenge = "--node-count 3 --rate 100 --time-limit 20 --nemesis partition";

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void GCounterIsValidUnderPartitionsWithinTheMessageBudget(int seed)
    {
        var run = CounterRun.Execute("g-counter", "sim", seed, Challenge);

        Assert.True(run.Valid == Harness.Checkers.Validity.True, run.ToString());
        Assert.True(run.MsgsPerOp <= 1.5, run.ToString());
        AssertFinalReadsAgree(run);
    }

    [Theory]
    [InlineData(3, 1)]
    [InlineData(5, 2)]
    public void PnCounterIsValidUnderPartitions(int nodes, int seed)
    {
        var run = CounterRun.Execute("pn-counter", "sim", seed, $"--node-count {nodes} --rate 100 --time-limit 20 --nemesis partition");

        Assert.True(run.Valid == Harness.Checkers.Validity.True, run.ToString());
        AssertFinalReadsAgree(run);
    }

    [Fact]
    public void AckedAddsSurviveKilledPausedAndDuplicatingNodes()
    {
        var run = CounterRun.Execute("pn-counter", "sim", 4,
            "--node-count 3 --rate 100 --time-limit 20 --nemesis partition,kill,pause,duplicate,one-way --nemesis-interval 3");

        Assert.True(run.Valid == Harness.Checkers.Validity.True, run.ToString());
        AssertFinalReadsAgree(run);
    }

    [Fact]
    public void RealProcessesPassAShortRunWithPartitions()
    {
        var run = CounterRun.Execute("g-counter", "process", 5,
            "--node-count 3 --rate 50 --time-limit 4 --nemesis partition --nemesis-interval 1 --recovery-time 3");

        Assert.True(run.Valid == Harness.Checkers.Validity.True, run.ToString());
        AssertFinalReadsAgree(run);
    }

    private static void AssertFinalReadsAgree(CounterRun run)
    {
        Assert.NotEmpty(run.FinalReads);
        Assert.Single(run.FinalReads.Select(r => r!.ToJsonString()).Distinct());
    }
}
