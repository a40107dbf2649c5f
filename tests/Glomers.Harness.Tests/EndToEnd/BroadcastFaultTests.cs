using Glomers.Harness.Checkers;

namespace Glomers.Harness.Tests.EndToEnd;

public sealed class BroadcastFaultRuns
{
    public Task<BenchRun> NoForward { get; } = Bench.Broken("broadcast-no-forward",
        "-w", "broadcast", "--node-count", "5", "--time-limit", "3", "--rate", "20", "--recovery-time", "1", "--seed", "11");

    public Task<BenchRun> ForwardOnce { get; } = Bench.Broken("broadcast-forward-once",
        "-w", "broadcast", "--node-count", "5", "--time-limit", "4", "--rate", "20", "--nemesis", "partition",
        "--nemesis-interval", "0.5", "--recovery-time", "1", "--seed", "12");
}

/// <summary>Broadcast nodes that lose values: the set-full checker must find the losses.</summary>
public sealed class BroadcastFaultTests(BroadcastFaultRuns runs) : IClassFixture<BroadcastFaultRuns>
{
    [Fact]
    public async Task ValuesKeptOnOneNodeAreReportedLost()
    {
        var run = await runs.NoForward;
        Assert.True(run.Valid == Validity.False, run.ToString());
        Assert.False((bool)run.Workload["valid?"]!);
        Assert.True(run.Count("lost-count") > 0, run.ToString());
        Assert.NotEmpty(run.Workload["lost"]!.AsArray());
        run.AssertNoNodeProcessLeft();
    }

    [Fact]
    public async Task ForwardsDroppedByPartitionsAreReportedLost()
    {
        var run = await runs.ForwardOnce;
        Assert.True(run.Valid == Validity.False, run.ToString());
        Assert.True(run.Count("lost-count") > 0, run.ToString());
        // The net checker saw the partition: some node-to-node messages were sent and never received.
        var servers = run.Results["net"]!["servers"]!;
        Assert.True(BenchRun.Long(servers["send-count"]!) > BenchRun.Long(servers["recv-count"]!), run.ToString());
        run.AssertNoNodeProcessLeft();
    }
}
