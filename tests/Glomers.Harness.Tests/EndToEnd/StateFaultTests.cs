using Glomers.Harness.Checkers;

namespace Glomers.Harness.Tests.EndToEnd;

public sealed class StateFaultRuns
{
    public Task<BenchRun> LossyCounter { get; } = Bench.Broken("counter-lossy",
        "-w", "pn-counter", "--node-count", "1", "--time-limit", "3", "--rate", "20", "--recovery-time", "1", "--seed", "21");

    public Task<BenchRun> RepeatingIds { get; } = Bench.Broken("ids-repeating",
        "-w", "unique-ids", "--node-count", "3", "--time-limit", "2", "--rate", "30", "--seed", "22");

    public Task<BenchRun> WrongEcho { get; } = Bench.Broken("echo-wrong",
        "-w", "echo", "--node-count", "1", "--time-limit", "2", "--rate", "10", "--seed", "23");
}

/// <summary>Nodes that answer every request but with the wrong state: the workload checkers must catch it.</summary>
public sealed class StateFaultTests(StateFaultRuns runs) : IClassFixture<StateFaultRuns>
{
    [Fact]
    public async Task CounterThatDropsAckedDeltasFailsTheFinalRead()
    {
        var run = await runs.LossyCounter;
        Assert.True(run.Valid == Validity.False, run.ToString());
        var read = BenchRun.Long(run.Workload["final-reads"]!.AsArray().Single()!);
        var acceptable = run.Workload["acceptable"]!.AsArray().Select(r => (BenchRun.Long(r![0]!), BenchRun.Long(r[1]!))).ToList();
        Assert.DoesNotContain(acceptable, r => r.Item1 <= read && read <= r.Item2);
        Assert.Single(run.Workload["errors"]!.AsArray());
        run.AssertNoNodeProcessLeft();
    }

    [Fact]
    public async Task IdsRepeatedAcrossNodesAreReportedDuplicated()
    {
        var run = await runs.RepeatingIds;
        Assert.True(run.Valid == Validity.False, run.ToString());
        Assert.True(run.Count("duplicated-count") > 0, run.ToString());
        Assert.Contains("1", run.Workload["duplicated"]!.AsObject().Select(kv => kv.Key));
        run.AssertNoNodeProcessLeft();
    }

    [Fact]
    public async Task WrongEchoPayloadIsAnEchoError()
    {
        var run = await runs.WrongEcho;
        Assert.True(run.Valid == Validity.False, run.ToString());
        var errors = run.Workload["errors"]!.AsArray();
        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.Equal("not what you sent", (string?)e![3]!["echo"]));
        run.AssertNoNodeProcessLeft();
    }
}
