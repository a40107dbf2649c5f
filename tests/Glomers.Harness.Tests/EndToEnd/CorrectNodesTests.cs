using Glomers.Tests.Shared;
using Glomers.Harness.Checkers;

namespace Glomers.Harness.Tests.EndToEnd;

/// <summary>Correct nodes, run through the whole bench: all of these must come out valid.</summary>
public sealed class CorrectNodeRuns
{
    public Task<BenchRun> Echo { get; } = Bench.RunAsync(
        ["-w", "echo", "--bin", BuiltBinaries.Path("Echo"), "--node-count", "1", "--time-limit", "2", "--rate", "20", "--seed", "1"]);

    public Task<BenchRun> UniqueIds { get; } = Bench.RunAsync(
        ["-w", "unique-ids", "--bin", BuiltBinaries.Path("UniqueIds"), "--node-count", "3", "--time-limit", "3", "--rate", "30",
         "--nemesis", "partition", "--nemesis-interval", "0.5", "--availability", "total", "--seed", "2"]);

    public Task<BenchRun> BroadcastFlood { get; } = Bench.Broken("broadcast-flood",
        "-w", "broadcast", "--node-count", "5", "--time-limit", "4", "--rate", "20", "--nemesis", "partition",
        "--nemesis-interval", "0.5", "--recovery-time", "1", "--seed", "3");

    public Task<BenchRun> GCounter { get; } = Bench.Broken("counter-memory",
        "-w", "g-counter", "--node-count", "1", "--time-limit", "2", "--rate", "20", "--recovery-time", "1", "--seed", "4");

    public Task<BenchRun> PnCounter { get; } = Bench.Broken("counter-memory",
        "-w", "pn-counter", "--node-count", "1", "--time-limit", "2", "--rate", "20", "--recovery-time", "1", "--seed", "5");
}

public sealed class CorrectNodesTests(CorrectNodeRuns runs) : IClassFixture<CorrectNodeRuns>
{
    [Fact]
    public async Task EchoNodeIsValid()
    {
        var run = await runs.Echo;
        Assert.True(run.Valid == Validity.True, run.ToString());
        Assert.True(BenchRun.Long(run.Results["stats"]!["ok-count"]!) >= 10, run.ToString());
        run.AssertNoNodeProcessLeft();
    }

    [Fact]
    public async Task UniqueIdsStayUniqueAndTotallyAvailableUnderPartitions()
    {
        var run = await runs.UniqueIds;
        Assert.True(run.Valid == Validity.True, run.ToString());
        Assert.Equal(0, run.Count("duplicated-count"));
        Assert.True(run.Count("acknowledged-count") >= 20, run.ToString());
        Assert.Equal("1", run.Results["availability"]!["ok-fraction"]!.ToJsonString());
        Assert.True((bool?)run.Results["availability"]!["valid?"] == true, run.ToString());
        Assert.Contains(run.History(), l => l.Contains("\"start-partition\"", StringComparison.Ordinal));
        Assert.Equal(3, run.NodeProcessIds.Count);
        run.AssertNoNodeProcessLeft();
    }

    [Fact]
    public async Task FloodingBroadcastLosesNothingUnderPartitions()
    {
        var run = await runs.BroadcastFlood;
        Assert.True(run.Valid == Validity.True, run.ToString());
        Assert.Equal(0, run.Count("lost-count"));
        Assert.True(run.Count("stable-count") >= 10, run.ToString());
        Assert.Equal(run.Count("attempt-count"), run.Count("stable-count"));
        Assert.Contains(run.History(), l => l.Contains("\"start-partition\"", StringComparison.Ordinal));
        Assert.Equal(5, run.NodeProcessIds.Count);
        run.AssertNoNodeProcessLeft();
    }

    [Fact]
    public async Task InMemoryGCounterOnOneNodeIsValid()
    {
        var run = await runs.GCounter;
        Assert.True(run.Valid == Validity.True, run.ToString());
        Assert.Single(run.Workload["final-reads"]!.AsArray());
        run.AssertNoNodeProcessLeft();
    }

    [Fact]
    public async Task InMemoryPnCounterOnOneNodeIsValid()
    {
        var run = await runs.PnCounter;
        Assert.True(run.Valid == Validity.True, run.ToString());
        Assert.Single(run.Workload["final-reads"]!.AsArray());
        run.AssertNoNodeProcessLeft();
    }
}
