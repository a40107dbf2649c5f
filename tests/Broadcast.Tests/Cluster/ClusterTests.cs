using Glomers.Harness.Core;

namespace Glomers.Broadcast.Tests.Cluster;

public class ClusterTests
{
    private static BroadcastOptions Direct(int antiEntropyMs = 1000) => new() { Mode = "direct", AntiEntropyMs = antiEntropyMs };

    private static BroadcastOptions Hub(int antiEntropyMs = 1000) => new() { Mode = "hub", BatchMs = 350, HubWindowMs = 120, AntiEntropyMs = antiEntropyMs };

    private static BroadcastOptions Options(string mode) => mode == "hub" ? Hub() : Direct();

    [Fact]
    public void DirectModeCostsOneMessagePerOtherNodePerBroadcast()
    {
        var cluster = BroadcastScript.Nodes(25, Direct(antiEntropyMs: 0));

        for (var v = 0; v < 10; v++)
        {
            cluster.Broadcast(cluster.NodeIds[v * 7 % 25], v);
            cluster.RunMs(30);
        }
        cluster.RunMs(200);

        Assert.Equal(24 * 10, cluster.NodeMessages);
        Assert.All(cluster.NodeIds, n => Assert.Equal(Enumerable.Range(0, 10), cluster.Read(n).Select(v => (int)v)));
    }

    [Fact]
    public void DirectModeDeliversEverywhereInOneHop()
    {
        var cluster = BroadcastScript.Nodes(25, Direct(antiEntropyMs: 0));

        cluster.Broadcast("n3", 42);
        cluster.RunMs(99);
        Assert.Empty(cluster.Read("n4"));
        cluster.RunMs(1);

        Assert.All(cluster.NodeIds, n => Assert.Equal([42], cluster.Read(n)));
    }

    [Fact]
    public void HubModeSendsOneBatchUpPerBusyLeafAndOneDownPerLeaf()
    {
        var cluster = BroadcastScript.Nodes(25, Hub(antiEntropyMs: 0));
        // Start 1 ms after a batch tick, so the next leaf flush is 349 ms away.
        cluster.Run(Glomers.Broadcast.Gossip.FlushClock.UntilNext(cluster.Time.GetUtcNow(), TimeSpan.FromMilliseconds(350), TimeSpan.Zero) + TimeSpan.FromMilliseconds(1));

        for (var leaf = 1; leaf <= 5; leaf++)
        {
            cluster.Broadcast($"n{leaf}", 2 * leaf);
            cluster.Broadcast($"n{leaf}", 2 * leaf + 1);
        }
        // Leaves flush 349 ms later, batches land at +449, the hub flushes at +469, leaves have all at +569.
        cluster.RunMs(568);
        Assert.Equal([10, 11], cluster.Read("n5"));
        Assert.Empty(cluster.Read("n20"));
        cluster.RunMs(1);

        var all = Enumerable.Range(2, 10).Select(v => (long)v);
        Assert.All(cluster.NodeIds, n => Assert.Equal(all, cluster.Read(n)));
        Assert.Equal(5 + 24, cluster.NodeMessages);
    }

    [Fact]
    public void HubModeSkipsEmptyBatches()
    {
        var cluster = BroadcastScript.Nodes(25, Hub(antiEntropyMs: 0));

        cluster.Run(TimeSpan.FromSeconds(10));

        Assert.Equal(0, cluster.NodeMessages);
    }

    [Fact]
    public void GossipingNodesSendNoSeparateDigests()
    {
        var cluster = BroadcastScript.Nodes(5, Direct());

        // Every node learns a value every 250 ms, so no node is ever quiet for a whole round.
        for (var v = 0; v < 40; v++)
        {
            cluster.Broadcast(cluster.NodeIds[v % 5], v);
            cluster.RunMs(50);
        }

        Assert.Equal(40 * 4, cluster.NodeMessages);
    }

    [Fact]
    public void QuietLeavesDigestTheHubLessAndLess()
    {
        var cluster = BroadcastScript.Nodes(5, Hub());
        cluster.Broadcast("n0", 1);
        cluster.Run(TimeSpan.FromSeconds(1));
        Assert.All(cluster.NodeIds, n => Assert.Equal([1], cluster.Read(n)));
        var before = cluster.NodeMessages;

        cluster.Run(TimeSpan.FromSeconds(13));

        // Each of the 4 leaves: rounds 0.7, 2.1, 4.9 and 10.5 s after the hub last spoke (the wait
        // doubles up to eight 700 ms periods); the first falls before this window.
        Assert.Equal(4 * 3, cluster.NodeMessages - before);
    }

    [Fact]
    public void QuietDirectNodesDigestEveryPeriod()
    {
        var cluster = BroadcastScript.Nodes(5, Direct());
        cluster.Broadcast("n0", 1);
        cluster.RunMs(500);
        var before = cluster.NodeMessages;

        cluster.Run(TimeSpan.FromSeconds(10));

        // A node skips a round only when a peer's digest reached it, so each round at least half the nodes send one.
        Assert.InRange(cluster.NodeMessages - before, 5 * 10 / 2, 5 * 10);
    }

    [Fact]
    public void AntiEntropyRepairsAValueWhoseGossipWasDropped()
    {
        var cluster = BroadcastScript.Nodes(3, Direct());
        cluster.CutOneWay("n0", "n2");
        cluster.Broadcast("n0", 7);
        cluster.RunMs(150);
        cluster.Heal();
        Assert.Empty(cluster.Read("n2"));

        cluster.Run(TimeSpan.FromSeconds(5));

        Assert.Equal([7], cluster.Read("n2"));
    }

    [Theory]
    [InlineData("direct", "line")]
    [InlineData("direct", "tree")]
    [InlineData("hub", "line")]
    [InlineData("hub", "tree")]
    public void EveryAckedValueReachesEveryNodeAfterALongPartition(string mode, string topology)
    {
        var cluster = BroadcastScript.Nodes(5, Options(mode));
        cluster.SendTopology(topology);
        cluster.Partition("n0", "n3");

        var acked = BroadcastWhile(cluster, TimeSpan.FromSeconds(12));
        cluster.Heal();
        cluster.Run(TimeSpan.FromSeconds(10));

        Assert.All(cluster.NodeIds, n => Assert.Equal(acked, cluster.Read(n)));
    }

    [Theory]
    [InlineData("direct", "n7")]
    [InlineData("hub", "n7")]
    [InlineData("hub", "n0")]
    public void ValuesOfAnIsolatedNodeReachAllTwentyFiveWithinTheRecoveryPeriod(string mode, string isolated)
    {
        var cluster = BroadcastScript.Nodes(25, Options(mode));
        cluster.SendTopology("tree");
        cluster.Partition(isolated);

        var acked = BroadcastWhile(cluster, TimeSpan.FromSeconds(15));
        cluster.Heal();
        cluster.Run(TimeSpan.FromSeconds(10));

        Assert.All(cluster.NodeIds, n => Assert.Equal(acked, cluster.Read(n)));
    }

    [Theory]
    [InlineData("direct")]
    [InlineData("hub")]
    public void RecoveryAfterALongPartitionIsNotAStorm(string mode)
    {
        var cluster = BroadcastScript.Nodes(5, Options(mode));
        cluster.Partition("n0", "n1");
        BroadcastWhile(cluster, TimeSpan.FromSeconds(20));
        cluster.Heal();
        var before = cluster.NodeMessages;

        // One digest round (1 s) finds a gap, the repair and its relay take three hops of 100 ms.
        cluster.Run(TimeSpan.FromMilliseconds(1400));
        Assert.All(cluster.NodeIds, n => Assert.Equal(200, cluster.Read(n).Length));
        cluster.Run(TimeSpan.FromMilliseconds(8600));

        // Digest rounds at 1, 3 and 7 s, one answer and one reply per pair that differs, and at most one
        // relay of the repaired values from each node to each other: far below one message per value.
        Assert.InRange(cluster.NodeMessages - before, 1, 5 * 3 + 2 * 2 * 3 * 2 + 5 * 4);
        Assert.All(cluster.NodeIds, n => Assert.Equal(200, cluster.Read(n).Length));
    }

    [Theory]
    [InlineData("direct", 0, 1000, 12.5)]
    [InlineData("hub", 350, 1000, 1.25)]
    public void MessagesPerOperationStayWithinBudgetAtTheEfficiencyRate(string mode, int batchMs, int antiEntropyMs, double budget)
    {
        var cluster = BroadcastScript.Nodes(25, new BroadcastOptions { Mode = mode, BatchMs = batchMs, AntiEntropyMs = antiEntropyMs });
        var random = new Random(7);

        // 100 operations a second for 20 s, half of them broadcasts, then 10 s of recovery and a final read per node.
        for (var op = 0; op < 2000; op++)
        {
            if (op % 2 == 0) cluster.Broadcast(cluster.NodeIds[random.Next(25)], op / 2);
            cluster.RunMs(10);
        }
        cluster.Run(TimeSpan.FromSeconds(10));

        Assert.All(cluster.NodeIds, n => Assert.Equal(1000, cluster.Read(n).Length));
        Assert.InRange((double)cluster.NodeMessages / (2000 + 25), 0, budget);
    }

    // Broadcasts 0, 1, 2, ... round the nodes every 100 ms; returns the values acknowledged.
    private static long[] BroadcastWhile(Simulation cluster, TimeSpan duration)
    {
        var values = new List<long>();
        for (var v = 0; v < duration.TotalMilliseconds / 100; v++)
        {
            cluster.Broadcast(cluster.NodeIds[v % cluster.NodeIds.Count], v);
            values.Add(v);
            cluster.RunMs(100);
        }
        return [.. values];
    }
}
