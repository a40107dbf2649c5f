using Glomers.Harness.Checkers;

namespace Glomers.Harness.Tests.EndToEnd;

public sealed class ProtocolFaultRuns
{
    public Task<BenchRun> Garbage { get; } = Bench.Broken("garbage",
        "-w", "echo", "--node-count", "2", "--time-limit", "2", "--rate", "10", "--seed", "31");

    public Task<BenchRun> UnknownDest { get; } = Bench.Broken("unknown-dest",
        "-w", "echo", "--node-count", "2", "--time-limit", "2", "--rate", "10", "--seed", "32");

    public Task<BenchRun> MalformedReply { get; } = Bench.Broken("malformed-reply",
        "-w", "echo", "--node-count", "1", "--time-limit", "2", "--rate", "10", "--seed", "33");

    public Task<BenchRun> RepeatedKey { get; } = Bench.Broken("repeated-key",
        "-w", "echo", "--node-count", "1", "--time-limit", "2", "--rate", "10", "--seed", "34");
}

/// <summary>
/// Nodes that break the protocol. Bad lines and unknown destinations are reported under exceptions,
/// with the node and the line, and the bench keeps reading that node (unlike Maelstrom, which stops).
/// </summary>
public sealed class ProtocolFaultTests(ProtocolFaultRuns runs) : IClassFixture<ProtocolFaultRuns>
{
    [Fact]
    public async Task NonJsonLinesAreReportedWithNodeAndLine()
    {
        var run = await runs.Garbage;
        var found = run.Exceptions("malformed-message");
        Assert.True(found is not null, run.ToString());
        Assert.Equal(["n0", "n1"], found["nodes"]!.AsArray().Select(n => (string)n!));
        Assert.All(found["examples"]!.AsArray(), e => Assert.Equal("this line is not JSON", (string?)e!["line"]));
        // Every echo still came back right: the node's later lines were still read.
        Assert.True(run.Valid == Validity.True, run.ToString());
        Assert.Empty(run.Workload["errors"]!.AsArray());
        run.AssertNoNodeProcessLeft();
    }

    [Fact]
    public async Task MessagesToUnknownNodesAreReportedWithNodeAndLine()
    {
        var run = await runs.UnknownDest;
        var found = run.Exceptions("unknown-destination");
        Assert.True(found is not null, run.ToString());
        Assert.Equal(["n0", "n1"], found["nodes"]!.AsArray().Select(n => (string)n!));
        Assert.All(found["examples"]!.AsArray(), e => Assert.Contains("\"dest\":\"n99\"", (string?)e!["line"]));
        Assert.True(run.Valid == Validity.True, run.ToString());
        run.AssertNoNodeProcessLeft();
    }

    [Fact]
    public async Task ARepeatedKeyIsAMalformedMessageNotACrashOfTheBench()
    {
        var run = await runs.RepeatedKey;
        // The run ends with a verdict: no echo was answered, so no op succeeded.
        Assert.True(run.Valid == Validity.False, run.ToString());
        var found = run.Exceptions("malformed-message");
        Assert.True(found is not null, run.ToString());
        Assert.Equal(["n0"], found["nodes"]!.AsArray().Select(n => (string)n!));
        var example = found["examples"]!.AsArray()[0]!;
        Assert.Contains("in_reply_to", (string?)example["detail"]);
        Assert.Contains("\"in_reply_to\":", (string?)example["line"]);
        run.AssertNoNodeProcessLeft();
    }

    [Fact]
    public async Task RepliesWithDisallowedKeysAreMalformedAndFailTheEchoes()
    {
        var run = await runs.MalformedReply;
        Assert.True(run.Valid == Validity.False, run.ToString());
        var found = run.Exceptions("malformed-rpc-response");
        Assert.True(found is not null, run.ToString());
        Assert.Equal(["n0"], found["nodes"]!.AsArray().Select(n => (string)n!));
        var example = found["examples"]!.AsArray()[0]!;
        Assert.Contains("disallowed key \"extra\"", (string?)example["detail"]);
        Assert.Contains("\"extra\":true", (string?)example["line"]);
        Assert.NotEmpty(run.Workload["errors"]!.AsArray());
        run.AssertNoNodeProcessLeft();
    }
}
