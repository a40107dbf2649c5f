using System.Text.Json.Nodes;
using Glomers.Harness.Checkers;

namespace Glomers.Harness.Tests.EndToEnd;

public sealed class LifecycleFaultRuns
{
    public Task<BenchRun> CrashOnInit { get; } = Bench.Broken("crash-on-init",
        "-w", "echo", "--node-count", "2", "--time-limit", "2", "--seed", "41");

    public Task<BenchRun> ExitMidRun { get; } = Bench.Broken("exit-mid-run",
        "-w", "echo", "--node-count", "1", "--time-limit", "2", "--rate", "20", "--seed", "42");

    public Task<BenchRun> Silent { get; } = Bench.Broken("silent",
        "-w", "echo", "--node-count", "1", "--time-limit", "2", "--rate", "5", "--seed", "43");
}

/// <summary>Nodes that die or go quiet: the run must say so, and never hang or leave a process behind.</summary>
public sealed class LifecycleFaultTests(LifecycleFaultRuns runs) : IClassFixture<LifecycleFaultRuns>
{
    [Fact]
    public async Task NodeDyingOnInitAbortsTheRunNamingIt()
    {
        var run = await runs.CrashOnInit;
        Assert.True(run.Valid == Validity.False, run.ToString());
        Assert.StartsWith("init-failed: ", run.Aborted);
        Assert.Contains("n0 did not answer init", run.Aborted);
        Assert.Contains("n1 did not answer init", run.Aborted);
        Assert.Contains("exited with code 1", run.Aborted);
        Assert.Equal(["n0", "n1"], run.Exceptions("init-failed")!["nodes"]!.AsArray().Select(n => (string)n!));
        Assert.Equal(0L, BenchRun.Long(run.Results["stats"]!["count"]!));
        run.AssertNoNodeProcessLeft();
    }

    [Fact]
    public async Task NodeExitingMidRunIsAFindingAndItsLaterEchoesFail()
    {
        var run = await runs.ExitMidRun;
        Assert.True(run.Valid == Validity.False, run.ToString());
        var exited = run.Exceptions("node-exited");
        Assert.True(exited is not null, run.ToString());
        Assert.Equal(["n0"], exited["nodes"]!.AsArray().Select(n => (string)n!));
        Assert.Equal("n0 exited with code 1", (string?)exited["examples"]![0]!["detail"]);
        Assert.Equal(20L, BenchRun.Long(run.Results["stats"]!["ok-count"]!));
        Assert.NotEmpty(run.Workload["errors"]!.AsArray());
        run.AssertNoNodeProcessLeft();
    }

    [Fact]
    public async Task SilentNodeTimesOutEveryEcho()
    {
        var run = await runs.Silent;
        Assert.True(run.Valid == Validity.False, run.ToString());
        Assert.Null(run.Aborted);
        var stats = run.Results["stats"]!;
        Assert.Equal(0L, BenchRun.Long(stats["ok-count"]!));
        Assert.True(BenchRun.Long(stats["info-count"]!) > 0, run.ToString());
        // As in Maelstrom, an echo that timed out is quoted by the value it sent; the history says why.
        var errors = run.Workload["errors"]!.AsArray();
        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.Equal((string?)e![1], (string?)e[3]));
        var infos = run.History().Select(l => JsonNode.Parse(l)!).Where(o => (string?)o["type"] == "info").ToList();
        Assert.NotEmpty(infos);
        Assert.All(infos, o => Assert.Equal("net-timeout", (string?)o["error"]));
        run.AssertNoNodeProcessLeft();
    }
}
