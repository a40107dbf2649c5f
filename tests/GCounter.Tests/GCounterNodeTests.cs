using System.Text.Json.Nodes;
using Glomers.NodeRuntime;
using Glomers.NodeRuntime.Hosting;
using Glomers.NodeRuntime.Loop;
using Glomers.NodeRuntime.Time;
using Glomers.NodeRuntime.Transport;

namespace Glomers.GCounter.Tests;

public sealed class GCounterNodeTests
{
    private static JsonObject AddBody(long delta) => new() { ["type"] = "add", ["delta"] = delta };

    private static SlotValue SlotIn(FakeSeqKv kv, string node)
    {
        Assert.True(SlotValue.TryParse(kv.Latest(node), out var slot), $"{node} has no slot in seq-kv");
        return slot;
    }

    [Fact]
    public void AddIsAcknowledgedOnlyAfterItsCasSucceeds()
    {
        var cluster = new TestCluster(1) { HoldKv = true };

        var add = cluster.Send("n0", AddBody(5));
        cluster.Pump();

        Assert.Null(cluster.ReplyTo(add));
        Assert.Equal(1, cluster.HeldKvRequests);
        Assert.Null(cluster.Kv.Latest("n0"));

        cluster.ReleaseKv();

        Assert.Equal("add_ok", cluster.ReplyTo(add)?.Type);
        Assert.Equal(5, SlotIn(cluster.Kv, "n0").Sum);
    }

    [Fact]
    public void AddsArrivingDuringACasGoTogetherInTheNextOne()
    {
        var cluster = new TestCluster(1) { HoldKv = true };
        var first = cluster.Send("n0", AddBody(1));
        cluster.Pump();
        var second = cluster.Send("n0", AddBody(2));
        var third = cluster.Send("n0", AddBody(3));
        cluster.Pump();
        Assert.Equal(1, cluster.HeldKvRequests);

        cluster.ReleaseKv();
        Assert.Equal("add_ok", cluster.ReplyTo(first)?.Type);
        Assert.Null(cluster.ReplyTo(second));
        cluster.ReleaseKv();

        Assert.Equal("add_ok", cluster.ReplyTo(second)?.Type);
        Assert.Equal("add_ok", cluster.ReplyTo(third)?.Type);
        Assert.Equal(2, cluster.Kv.CountRequests("n0", "cas"));
        Assert.Equal(6, SlotIn(cluster.Kv, "n0").Sum);
    }

    [Fact]
    public void TimedOutCasThatAppliedIsNotCountedTwice()
    {
        var cluster = new TestCluster(1);
        cluster.Kv.DropCasReplies = 1;

        var add = cluster.Send("n0", AddBody(3));
        cluster.Pump();
        Assert.Null(cluster.ReplyTo(add));
        cluster.Advance(TimeSpan.FromMilliseconds(cluster.Options.KvTimeoutMs + 1));

        Assert.Equal("add_ok", cluster.ReplyTo(add)?.Type);
        Assert.Equal(3, SlotIn(cluster.Kv, "n0").Sum);
        Assert.Equal("add_ok", cluster.Add("n0", 4).Type);
        Assert.Equal(7, SlotIn(cluster.Kv, "n0").Sum);
        Assert.Equal(7, cluster.Read("n0"));
    }

    [Fact]
    public void TimedOutCasThatNeverArrivedIsRetried()
    {
        var cluster = new TestCluster(1);
        cluster.Kv.DropCasRequests = 1;

        var add = cluster.Send("n0", AddBody(3));
        cluster.Pump();
        Assert.Null(cluster.ReplyTo(add));
        cluster.Advance(TimeSpan.FromMilliseconds(cluster.Options.KvTimeoutMs + 1));

        Assert.Equal("add_ok", cluster.ReplyTo(add)?.Type);
        Assert.Equal(3, SlotIn(cluster.Kv, "n0").Sum);
        Assert.Equal(3, cluster.Read("n0"));
    }

    [Fact]
    public void RejectedCasIsResolvedByReadingTheSlotBack()
    {
        var cluster = new TestCluster(1);
        cluster.Add("n0", 2);
        cluster.Kv.RejectCas = 1;
        var readsBefore = cluster.Kv.CountRequests("n0", "read");

        Assert.Equal("add_ok", cluster.Add("n0", 5).Type);

        Assert.Equal(readsBefore + 1, cluster.Kv.CountRequests("n0", "read"));
        Assert.Equal(7, SlotIn(cluster.Kv, "n0").Sum);
        Assert.Equal(7, cluster.Read("n0"));
    }

    [Fact]
    public void ReadsConvergeWithinTwoRefreshesDespiteStaleSeqKvReads()
    {
        var cluster = new TestCluster(3);
        cluster.Kv.StaleReads = true;
        cluster.Add("n0", 3);
        cluster.Add("n1", 4);
        cluster.Add("n2", 5);
        cluster.Pump();

        // Until the refresh the table holds what recovery saw: the own slot and empty peers.
        Assert.Equal(3, cluster.Read("n0"));

        // A node whose add was written since the last refresh reads at once (its cas already moved
        // it forward, though perhaps not past its peers' writes); the next refresh forces freshness.
        cluster.Advance(TimeSpan.FromMilliseconds(2 * cluster.Options.RefreshMs));

        Assert.Equal([12L, 12L, 12L], new[] { "n0", "n1", "n2" }.Select(cluster.Read).ToArray());
    }

    [Fact]
    public void IdleRefreshForcesFreshnessWithOneCasThenReadsEachPeerOnce()
    {
        var cluster = new TestCluster(3);
        var before = cluster.Kv.Requests.Count;

        cluster.Advance(TimeSpan.FromMilliseconds(cluster.Options.RefreshMs));

        var refresh = cluster.Kv.Requests.Skip(before).ToArray();
        Assert.Equal(9, refresh.Length);
        foreach (var node in new[] { "n0", "n1", "n2" })
        {
            Assert.Equal(["cas", "read", "read"], refresh.Where(r => r.Src == node).Select(r => r.Type).ToArray());
        }
    }

    [Fact]
    public void RefreshAfterAWrittenAddSkipsTheForcingCas()
    {
        var cluster = new TestCluster(3);
        cluster.Add("n0", 2);
        cluster.Pump();
        var before = cluster.Kv.Requests.Count;

        cluster.Advance(TimeSpan.FromMilliseconds(cluster.Options.RefreshMs));

        var refresh = cluster.Kv.Requests.Skip(before).ToArray();
        Assert.Equal(["read", "read"], refresh.Where(r => r.Src == "n0").Select(r => r.Type).ToArray());
        Assert.Equal(["cas", "read", "read"], refresh.Where(r => r.Src == "n1").Select(r => r.Type).ToArray());
    }

    [Fact]
    public void SeqKvTrafficStaysUnderOneAndAHalfMessagesPerOpAtTheChallengeRate()
    {
        // The challenge's load: 3 nodes, 100 ops/s for 20 s, half adds (delta 0..4), half reads.
        var cluster = new TestCluster(3);
        var random = new Random(7);
        var before = cluster.Kv.Requests.Count;
        var expected = 0L;
        const int ops = 2000;
        for (var i = 0; i < ops; i++)
        {
            var node = $"n{i % 3}";
            if (i % 2 == 0)
            {
                var delta = random.Next(0, 5);
                expected += delta;
                Assert.Equal("add_ok", cluster.Add(node, delta).Type);
            }
            else
            {
                cluster.Read(node);
            }
            cluster.Advance(TimeSpan.FromMilliseconds(10));
        }

        // Every seq-kv request here is answered: a request and its reply are two messages.
        var messagesPerOp = 2.0 * (cluster.Kv.Requests.Count - before) / ops;
        Assert.InRange(messagesPerOp, 0.5, 1.5);
        cluster.Advance(TimeSpan.FromMilliseconds(cluster.Options.RefreshMs));
        Assert.Equal([expected, expected, expected], new[] { "n0", "n1", "n2" }.Select(cluster.Read).ToArray());
    }

    [Fact]
    public void NegativeDeltasAreCountedOnEveryNode()
    {
        var cluster = new TestCluster(2);
        cluster.Add("n0", 5);
        cluster.Add("n1", -7);
        cluster.Add("n0", -1);

        cluster.Advance(TimeSpan.FromMilliseconds(cluster.Options.RefreshMs));

        Assert.Equal(-3, cluster.Read("n0"));
        Assert.Equal(-3, cluster.Read("n1"));
    }

    [Fact]
    public void ZeroDeltaIsAcknowledgedWithoutTouchingSeqKv()
    {
        var cluster = new TestCluster(1);
        var before = cluster.Kv.Requests.Count;

        Assert.Equal("add_ok", cluster.Add("n0", 0).Type);

        Assert.Equal(before, cluster.Kv.Requests.Count);
    }

    [Fact]
    public void AcknowledgedAddSurvivesARestartWithEmptyMemory()
    {
        var kv = new FakeSeqKv();
        var clock = new VirtualTimeProvider();
        var before = new TestCluster(1, kv: kv, clock: clock);
        before.Add("n0", 5);
        before.Add("n0", 6);

        var after = new TestCluster(1, kv: kv, clock: clock);

        Assert.Equal(11, after.Read("n0"));
        after.Add("n0", 1);
        Assert.Equal(12, SlotIn(kv, "n0").Sum);
    }

    [Fact]
    public void ReadWaitsUntilTheOwnSlotIsRecovered()
    {
        var kv = new FakeSeqKv();
        kv.Seed("n0", new SlotValue(7, 10).ToJson());
        var cluster = new TestCluster(1, kv: kv, holdKv: true);

        var read = cluster.Send("n0", new JsonObject { ["type"] = "read" });
        cluster.Pump();
        Assert.Null(cluster.ReplyTo(read));

        cluster.HoldKv = false;
        cluster.ReleaseKv();

        Assert.Equal(10, cluster.ReplyTo(read)?.GetInt64("value"));
        cluster.Add("n0", 2);
        Assert.Equal(new SlotValue(8, 12), SlotIn(kv, "n0"));
    }

    [Theory]
    [InlineData("""{"type":"add"}""")]
    [InlineData("""{"type":"add","delta":"3"}""")]
    [InlineData("""{"type":"add","delta":1.5}""")]
    public void MalformedAddIsAnsweredWithError12(string body)
    {
        var cluster = new TestCluster(1);

        var reply = cluster.Call("n0", JsonNode.Parse(body)!.AsObject());

        Assert.Equal("error", reply.Type);
        Assert.Equal(12, reply.GetInt64("code"));
        Assert.Null(cluster.Kv.Latest("n0"));
    }

    [Fact]
    public void AddThatWouldOverflowIsRefusedAndOthersStillCount()
    {
        var cluster = new TestCluster(1);
        cluster.Add("n0", long.MaxValue - 1);

        var reply = cluster.Add("n0", 2);

        Assert.Equal(12, reply.GetInt64("code"));
        Assert.Equal("add_ok", cluster.Add("n0", 1).Type);
        Assert.Equal(long.MaxValue, cluster.Read("n0"));
    }

    [Fact]
    public void NonPositiveRefreshSettingIsRejectedWhenBoundFromArguments()
    {
        var node = new Node(new NodeContext(new InMemoryTransport(), new ManualEventLoop(), new VirtualTimeProvider(), 1));

        var error = Assert.Throws<ArgumentException>(() =>
            NodeFactory.Create(typeof(GCounterNode), node, NodeFactory.Configuration(["--refresh-ms", "0"])));

        Assert.Contains("--refresh-ms", error.Message);
    }
}
