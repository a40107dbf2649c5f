using System.Text.Json.Nodes;
using Glomers.Broadcast.Tests.Cluster;
using Glomers.NodeRuntime;
using Glomers.NodeRuntime.Hosting;
using Glomers.NodeRuntime.Loop;
using Glomers.NodeRuntime.Protocol;
using Glomers.NodeRuntime.Time;
using Glomers.NodeRuntime.Transport;
using Microsoft.Extensions.Configuration;

namespace Glomers.Broadcast.Tests;

public class BroadcastNodeTests
{
    [Fact]
    public void ASingleNodeAcksAndReadsWithoutAnyNodeMessage()
    {
        var cluster = BroadcastScript.Nodes(1, new BroadcastOptions());

        cluster.Broadcast("n0", 3);
        cluster.Broadcast("n0", 1);
        cluster.Run(TimeSpan.FromSeconds(5));

        Assert.Equal([1, 3], cluster.Read("n0"));
        Assert.Equal(0, cluster.NodeMessages);
    }

    [Fact]
    public void AValueBroadcastTwiceIsStoredOnce()
    {
        var cluster = BroadcastScript.Nodes(1, new BroadcastOptions());

        cluster.Broadcast("n0", 8);
        cluster.Broadcast("n0", 8);

        Assert.Equal([8], cluster.Read("n0"));
    }

    [Fact]
    public void ReadListsValuesInArrivalOrder()
    {
        var cluster = BroadcastScript.Nodes(1, new BroadcastOptions());
        foreach (var v in new long[] { 5, 2, 9 }) cluster.Broadcast("n0", v);

        var reply = cluster.Call("n0", new JsonObject { ["type"] = "read" });

        Assert.Equal("[5,2,9]", reply["messages"]!.ToJsonString());
    }

    [Fact]
    public void HubModeAcksBeforeAnyBatchLeaves()
    {
        var cluster = BroadcastScript.Nodes(3, new BroadcastOptions { Mode = "hub", BatchMs = 1000 });

        cluster.Broadcast("n1", 4);

        Assert.Equal(0, cluster.NodeMessages);
        Assert.Equal([4], cluster.Read("n1"));
    }

    [Theory]
    [InlineData("""{"type":"broadcast"}""", "missing field 'message'")]
    [InlineData("""{"type":"broadcast","message":"x"}""", "field 'message' must be an integer")]
    [InlineData("""{"type":"gossip","values":[1,"x"]}""", "field 'values' holds \"x\", not an integer")]
    [InlineData("""{"type":"gossip","values":[],"have":[[3,1]],"recent":[]}""", "field 'have' holds the empty range [3,1]")]
    [InlineData("""{"type":"gossip","values":[],"have":[[0]],"recent":[]}""", "field 'have' holds [0], not a [low, high] pair")]
    [InlineData("""{"type":"gossip","values":[],"have":[]}""", "missing field 'recent'")]
    public void MalformedRequestsGetAnErrorNamingTheField(string body, string text)
    {
        var cluster = BroadcastScript.Nodes(2, new BroadcastOptions());

        var reply = cluster.Call("n0", JsonNode.Parse(body)!.AsObject());

        Assert.Equal((long)ErrorCode.MalformedRequest, reply["code"]!.GetValue<long>());
        Assert.Contains(text, reply["text"]!.GetValue<string>());
        Assert.Empty(cluster.Read("n0"));
    }

    [Fact]
    public void SettingsBindFromCommandLineArguments()
    {
        var transport = new InMemoryTransport();
        var node = new Node(new NodeContext(transport, new ManualEventLoop(), new VirtualTimeProvider(), 1));
        var config = NodeFactory.Configuration(["--mode", "hub", "--batch-ms", "200", "--anti-entropy-ms", "0"]);

        var options = config.Get<BroadcastOptions>()!;
        Assert.Equal(("hub", 200, 0), (options.Mode, options.BatchMs, options.AntiEntropyMs));
        Assert.IsType<BroadcastNode>(NodeFactory.Create(typeof(BroadcastNode), node, config));
        Assert.Throws<ArgumentException>(() => NodeFactory.Create(typeof(BroadcastNode), node, NodeFactory.Configuration(["--mode", "ring"])));
    }
}

public class RepairRateTests
{
    [Fact]
    public void APeerThatKeepsLackingValuesGetsAtMostOneRepairPerHalfAntiEntropyPeriod()
    {
        // n0's messages to n1 are lost, so every gossip n1 sends shows the same gap: a repair per
        // gossip would turn a slow link into a storm.
        var cluster = BroadcastScript.Nodes(2, new BroadcastOptions { Mode = "direct", AntiEntropyMs = 1000, SettleMs = 200 });
        cluster.CutOneWay("n0", "n1");
        cluster.Broadcast("n0", 100);
        cluster.RunMs(2000);
        var before = cluster.NodeMessages;

        for (var v = 0; v < 20; v++)
        {
            cluster.Broadcast("n1", v);
            cluster.RunMs(50);
        }

        // One second of gossip: repairs at most every 500 ms.
        var fromN0 = cluster.NodeMessages - before - 20;
        Assert.InRange(fromN0, 1, 3);
    }
}
