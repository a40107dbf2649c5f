namespace Glomers.GCounter.Tests.Bench;

/// <summary>Steps 4 and 4pn of challenge-steps.txt through the real bench: both workloads, partitions and the bench's other faults, several seeds.</summary>
public class ChallengeRunTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void GCounterIsValidUnderPartitionsWithinTheMessageBudget(int seed)
    {
        var run = CounterRun.Step("4", seed);

        Assert.True(run.Valid == Harness.Checkers.Validity.True, run.ToString());
        Assert.True(run.MsgsPerOp <= 1.5, run.ToString());
        AssertFinalReadsAgree(run);
    }

    [Theory]
    [InlineData(3, 1)]
    [InlineData(5, 2)]
    public void PnCounterIsValidUnderPartitions(int nodes, int seed)
    {
        var run = CounterRun.Step("4pn", seed, $"--node-count {nodes}");

        Assert.True(run.Valid == Harness.Checkers.Validity.True, run.ToString());
        AssertFinalReadsAgree(run);
    }

    [Fact]
    public void AckedAddsSurviveKilledPausedAndDuplicatingNodes()
    {
        var run = CounterRun.Step("4pn", 4, "--node-count 3 --nemesis partition,kill,pause,duplicate,one-way --nemesis-interval 3");

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
