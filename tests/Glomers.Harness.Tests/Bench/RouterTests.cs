using System.Text.Json.Nodes;
using Glomers.Harness.Cli;
using Glomers.Harness.Core;
using Glomers.Harness.History;
using Glomers.Harness.Faults;
using Glomers.Harness.Network;
using Glomers.NodeRuntime.Time;

namespace Glomers.Harness.Tests.Bench;

/// <summary>The simulated network on virtual time: latency, partitions, the journal and bad lines.</summary>
public sealed class RouterTests
{
    private const long Ms = 1_000_000;

    private readonly Scheduler scheduler = new(new VirtualTimeProvider());
    private readonly List<Finding> findings = [];
    private readonly Router network;
    private readonly RecordingEndpoint n0, n1, c0;

    public RouterTests()
    {
        network = new Router(scheduler, new Latency(LatencyDist.Constant, 100, new Random(1)), MessageLog.None, findings.Add);
        n0 = new RecordingEndpoint("n0", scheduler);
        n1 = new RecordingEndpoint("n1", scheduler);
        c0 = new RecordingEndpoint("c0", scheduler);
        network.Add(n0);
        network.Add(n1);
        network.Add(c0);
    }

    /// <summary>Runs <paramref name="script"/> on the scheduler, then lets the network drain for a second of virtual time.</summary>
    private void Run(Func<Task> script) => scheduler.Run(async () =>
    {
        await script();
        await scheduler.Delay(TimeSpan.FromSeconds(1));
        return 0;
    });

    private static JsonObject Body(string type) => new() { ["type"] = type };

    [Fact]
    public void ConstantLatencyDeliversExactlyThatLaterBetweenNodes()
    {
        Run(async () =>
        {
            network.Send("n0", "n1", Body("a"));
            await scheduler.Delay(TimeSpan.FromMilliseconds(30));
            network.Send("n0", "n1", Body("b"));
        });
        Assert.Equal([(100 * Ms, "a"), (130 * Ms, "b")], n1.Received.Select(r => (r.Time, r.Message.Type)));
    }

    [Fact]
    public void ClientsGetNoLatencyEitherWay()
    {
        Run(async () =>
        {
            await scheduler.Delay(TimeSpan.FromMilliseconds(10));
            network.Send("c0", "n0", Body("request"));
            network.Send("n0", "c0", Body("reply"));
        });
        Assert.Equal(10 * Ms, n0.Received.Single().Time);
        Assert.Equal(10 * Ms, c0.Received.Single().Time);
    }

    [Fact]
    public void GrudgeDropsAtDeliveryTimeAndJournalsASendWithoutAReceive()
    {
        Run(async () =>
        {
            network.Send("n0", "n1", Body("before-cut"));  // due at 100 ms, after the cut: dropped
            await scheduler.Delay(TimeSpan.FromMilliseconds(50));
            network.Partition(PartitionShapes.Complete([["n0"], ["n1"]]));
            network.Send("c0", "n1", Body("from-client")); // clients are never cut off
            await scheduler.Delay(TimeSpan.FromMilliseconds(100));
            network.Heal();
            network.Send("n0", "n1", Body("after-heal"));
        });
        Assert.Equal(["from-client", "after-heal"], n1.Received.Select(r => r.Message.Type));
        var dropped = network.Journal.Where(e => e.Type == "before-cut").ToList();
        Assert.Equal([true], dropped.Select(e => e.IsSend));
        Assert.Equal(2, network.Journal.Count(e => e.Type == "after-heal"));
    }

    [Fact]
    public void SendJustBeforeHealIsDeliveredWhenDueAfterIt()
    {
        Run(async () =>
        {
            network.Partition(PartitionShapes.Complete([["n0"], ["n1"]]));
            network.Send("n0", "n1", Body("sent-while-cut"));
            await scheduler.Delay(TimeSpan.FromMilliseconds(50));
            network.Heal();
        });
        Assert.Equal([(100 * Ms, "sent-while-cut")], n1.Received.Select(r => (r.Time, r.Message.Type)));
    }

    [Fact]
    public void DeliveredLineCarriesTheNetworkIdFirst()
    {
        Run(() =>
        {
            network.SendLine("n0", """{"src":"n0","dest":"c0","body":{"type":"echo_ok","in_reply_to":1}}""");
            return Task.CompletedTask;
        });
        Assert.Equal("""{"id":0,"src":"n0","dest":"c0","body":{"type":"echo_ok","in_reply_to":1}}""", c0.Received.Single().Message.Line);
    }

    [Theory]
    [InlineData("not json at all", "malformed-message", "not JSON")]
    [InlineData("[1,2]", "malformed-message", "not a JSON object")]
    [InlineData("""{"src":"n0","dest":"n1","body":{"type":"x"},"extra":1}""", "malformed-message", "unexpected top-level key 'extra'")]
    [InlineData("""{"src":"n0","dest":"n1","body":{"msg_id":1}}""", "malformed-message", "body lacks a string field 'type'")]
    [InlineData("""{"src":"n0","dest":"n1"}""", "malformed-message", "missing object field 'body'")]
    [InlineData("""{"src":"n7","dest":"n1","body":{"type":"x"}}""", "invalid-source", "src 'n7'")]
    [InlineData("""{"src":"n0","dest":"n99","body":{"type":"x"}}""", "unknown-destination", "dest 'n99'")]
    public void BadLinesBecomeFindingsWithTheLine(string line, string kind, string detail)
    {
        Run(() =>
        {
            network.SendLine("n0", line);
            return Task.CompletedTask;
        });
        var finding = Assert.Single(findings);
        Assert.Equal(("n0", kind, line), (finding.Node, finding.Kind, finding.Line));
        Assert.Contains(detail, finding.Detail);
        Assert.Empty(network.Journal);
        Assert.Empty(n1.Received);
    }

    [Fact]
    public void NodeIsStillHeardAfterABadLine()
    {
        Run(() =>
        {
            network.SendLine("n0", "garbage");
            network.SendLine("n0", """{"src":"n0","dest":"c0","body":{"type":"echo_ok","in_reply_to":1}}""");
            return Task.CompletedTask;
        });
        Assert.Single(findings);
        Assert.Single(c0.Received);
    }

    [Fact]
    public void LateReplyToAClosedClientIsJournaledAndDropped()
    {
        Run(() =>
        {
            network.Close("c0");
            network.SendLine("n0", """{"src":"n0","dest":"c0","body":{"type":"echo_ok","in_reply_to":1}}""");
            return Task.CompletedTask;
        });
        Assert.Empty(findings);
        Assert.Empty(c0.Received);
        Assert.Equal([true], network.Journal.Select(e => e.IsSend));
    }
}
