using System.Text.Json.Nodes;
using Glomers.Harness.Cli;
using Glomers.Harness.Core;
using Glomers.Harness.History;
using Glomers.Harness.Network;
using Glomers.Harness.Services;
using Glomers.Harness.Workloads;
using Glomers.NodeRuntime.Time;

namespace Glomers.Harness.Tests.Bench;

/// <summary>
/// How a client turns a reply into a completion, as Maelstrom's with-errors does: definite error
/// codes and errors on idempotent ops fail, the rest (and every timeout of a non-idempotent op) are
/// info, and workloads that do not map errors make every error info. Runs on virtual time.
/// </summary>
public sealed class ClientErrorMappingTests
{
    private static RunOutcome Run(string workload, Func<JsonObject, JsonObject?> answer, double rate = 5)
    {
        var options = new TestOptions
        {
            Workload = workload, NodeCount = 1, NodeCountGiven = true, Concurrency = 1, TimeLimit = 2, Rate = rate, RecoveryTime = 0, Seed = 5,
        };
        var scheduler = new Scheduler(new VirtualTimeProvider());
        var run = new TestRun(options, Workloads.WorkloadCatalog.Create(workload), scheduler, MessageLog.None,
            (network, _) => new ScriptedCluster(network, options.NodeIds, answer), _ => new Dictionary<string, IService>(), null);
        return scheduler.Run(run.RunAsync);
    }

    private static JsonObject Error(int code, string text) => new() { ["type"] = "error", ["code"] = code, ["text"] = text };

    private static List<Op> Completions(RunOutcome outcome, string f) =>
        [.. outcome.History.Where(o => o.IsClient && o.Type != OpType.Invoke && o.F == f)];

    [Fact]
    public void DefiniteErrorFailsTheOp()
    {
        var ops = Completions(Run("echo", _ => Error(11, "busy")), "echo");
        Assert.NotEmpty(ops);
        Assert.All(ops, o => Assert.Equal((OpType.Fail, "[temporarily-unavailable, busy]"), (o.Type, o.Error)));
    }

    [Theory]
    [InlineData(13, "[crash, boom]")]
    [InlineData(1000, "[unknown, boom]")]
    public void IndefiniteErrorOnANonIdempotentOpIsInfo(int code, string error)
    {
        var ops = Completions(Run("echo", _ => Error(code, "boom")), "echo");
        Assert.NotEmpty(ops);
        Assert.All(ops, o => Assert.Equal((OpType.Info, error), (o.Type, o.Error)));
    }

    [Fact]
    public void InfoRetiresTheProcessAndTheNextOpGetsANewOne()
    {
        var ops = Completions(Run("echo", _ => Error(13, "boom")), "echo");
        Assert.True(ops.Count >= 2);
        // One worker: each indefinite op moves it to the next process number (process + concurrency).
        Assert.Equal(Enumerable.Range(0, ops.Count), ops.Select(o => o.Process));
    }

    [Fact]
    public void TimeoutIsInfoForEchoAndFailForABroadcastRead()
    {
        var echo = Completions(Run("echo", _ => null), "echo");
        Assert.Equal((OpType.Info, "net-timeout"), (echo[0].Type, echo[0].Error));

        var broadcast = Run("broadcast", _ => null);
        Assert.All(Completions(broadcast, "read"), o => Assert.Equal((OpType.Fail, "net-timeout"), (o.Type, o.Error)));
        Assert.All(Completions(broadcast, "broadcast"), o => Assert.Equal((OpType.Info, "net-timeout"), (o.Type, o.Error)));
        Assert.NotEmpty(Completions(broadcast, "read"));
    }

    [Fact]
    public void IndefiniteErrorOnAnIdempotentReadFails()
    {
        var outcome = Run("broadcast", body => (string?)body["type"] == "read" ? Error(13, "boom") : new JsonObject { ["type"] = "broadcast_ok" });
        var reads = Completions(outcome, "read");
        Assert.NotEmpty(reads);
        Assert.All(reads, o => Assert.Equal(OpType.Fail, o.Type));
        Assert.All(Completions(outcome, "broadcast"), o => Assert.Equal(OpType.Ok, o.Type));
    }

    [Fact]
    public void CounterDoesNotMapErrorsSoEvenDefiniteOnesAreInfo()
    {
        // About a third of g-counter's ops are adds: enough ops that some are, whatever the seed.
        var ops = Completions(Run("g-counter", _ => Error(11, "busy"), rate: 50), "add");
        Assert.NotEmpty(ops);
        Assert.All(ops, o => Assert.Equal((OpType.Info, "[temporarily-unavailable, busy]"), (o.Type, o.Error)));
    }

    [Fact]
    public void MalformedReplyIsInfoAndAFinding()
    {
        var outcome = Run("echo", body => new JsonObject { ["type"] = "echo_ok", ["echo"] = body["echo"]?.DeepClone(), ["extra"] = 1 });
        var ops = Completions(outcome, "echo");
        Assert.All(ops, o => Assert.Equal(OpType.Info, o.Type));
        Assert.Equal(ops.Count, outcome.Findings.Count(f => f.Kind == "malformed-rpc-response" && f.Node == "n0"));
    }
}
