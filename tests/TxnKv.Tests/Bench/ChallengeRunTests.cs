using Glomers.Harness.Checkers;
using Glomers.Tests.Shared;

namespace Glomers.TxnKv.Tests.Bench;

/// <summary>Steps 6a-6c of challenge-steps.txt through the real bench in simulation, with the faults of the sweep, and the strict mode.</summary>
public class ChallengeRunTests
{
    private const string TwoNodes = "--node-count 2 --concurrency 2n --time-limit 20 --rate 1000 --availability total";

    [Fact]
    public void SingleNodeIsValidAndSendsNothing()
    {
        var run = TxnBenchRun.Execute("sim", 1, ChallengeSteps.Get("6a").SweepRunFlags);

        Assert.True(run.Valid == Validity.True, run.ToString());
        Assert.Equal(0, run.MsgsPerOp);
        Assert.Equal(1, run.Availability);
    }

    [Theory]
    [InlineData("6b", 2)]
    [InlineData("6c", 1)]
    [InlineData("6c", 3)]
    public void TwoNodesAreValidUnderTheSweepsFaultsWithinTheMessageBudget(string step, int seed)
    {
        var run = TxnBenchRun.Execute("sim", seed, ChallengeSteps.Get(step).SweepRunFlags);

        Assert.True(run.Valid == Validity.True, run.ToString());
        Assert.Equal(1, run.Availability);
        Assert.True(run.MsgsPerOp <= 0.05, run.ToString());
        Assert.True(run.OkCount > 15_000, run.ToString());
    }

    [Fact]
    public void ReadUncommittedWithoutFaultsIsValid()
    {
        var run = TxnBenchRun.Execute("sim", 4, $"{TwoNodes} --consistency-models read-uncommitted");

        Assert.True(run.Valid == Validity.True, run.ToString());
        Assert.True(run.MsgsPerOp <= 0.05, run.ToString());
    }

    [Fact]
    public void StrictModeIsStrictSerializableUnderPartitions()
    {
        var run = TxnBenchRun.Execute("sim", 1,
            "--node-count 2 --concurrency 2n --time-limit 5 --rate 1000 --consistency-models strict-serializable --nemesis partition --nemesis-interval 1",
            "--isolation strict-serializable");

        Assert.True(run.Valid == Validity.True, run.ToString());
        Assert.True(run.OkCount > 4_000, run.ToString());
    }

    [Fact]
    public void TheTotallyAvailableModeIsNotStrictSerializable()
    {
        // The checker can tell the modes apart: replicas that answer before they agree allow stale reads.
        var run = TxnBenchRun.Execute("sim", 1, $"{TwoNodes} --consistency-models strict-serializable --nemesis partition");

        Assert.True(run.Valid == Validity.False, run.ToString());
    }

    [Fact]
    public void RealProcessesPassAShortRunWithPartitions()
    {
        var run = TxnBenchRun.Execute("process", 5,
            "--node-count 2 --concurrency 2n --time-limit 5 --rate 200 --consistency-models read-committed --availability total --nemesis partition --nemesis-interval 1");

        Assert.True(run.Valid == Validity.True, run.ToString());
        Assert.Equal(1, run.Availability);
        Assert.True(run.OkCount > 100, run.ToString());
    }
}
