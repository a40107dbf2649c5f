using System.Text.Json.Nodes;

namespace Glomers.KafkaLog.Tests;

public class KeyLogTests
{
    private static long[] Offsets(KeyLog log, long from = 0, int max = 100) => [.. log.Poll(from, max).Select(p => p.Offset)];

    [Fact]
    public void OneNodeGivesDenseOffsetsVisibleAtOnce()
    {
        var log = new KeyLog(1, 0);
        for (var i = 0; i < 3; i++)
        {
            var offset = log.AppendOwn(i);
            log.PromiseOwn(log.CounterOf(offset) + 1);
        }

        Assert.Equal([0L, 1, 2], Offsets(log));
        Assert.Equal([1L, 2], Offsets(log, from: 1));
        Assert.Equal(3, log.DecidedEnd);
    }

    [Fact]
    public void TwoNodesWriteInterleavedSlots()
    {
        var n0 = new KeyLog(2, 0);
        var n1 = new KeyLog(2, 1);

        Assert.Equal(0, n0.AppendOwn("a"));
        Assert.Equal(2, n0.AppendOwn("b"));
        Assert.Equal(1, n1.AppendOwn("x"));
    }

    [Fact]
    public void OwnMessageStaysHiddenUntilThePeerPromisesTheSlotsBelowIt()
    {
        var n0 = new KeyLog(2, 0);
        var offset = n0.AppendOwn("a");
        n0.PromiseOwn(1);

        // Offset 0 is decided, but node 1 could still write offset 1: only offset 0 may be read.
        Assert.Equal([0L], Offsets(n0));
        Assert.Equal(1, n0.DecidedEnd);
        n0.AppendOwn("b");
        n0.PromiseOwn(2);
        Assert.Equal([0L], Offsets(n0));

        n0.Promise(1, 2);
        Assert.Equal([0L, 2], Offsets(n0));
        Assert.Equal(0, offset);
    }

    [Fact]
    public void APeerMessageRaisesTheOwnCounterSoOffsetsStayNearTheCount()
    {
        var n1 = new KeyLog(2, 1);

        Assert.True(n1.AddPeer(0, 6, "a"));
        Assert.Equal(4, n1.NextCounter);
        Assert.False(n1.AddPeer(0, 4, "b"));
        n1.PromiseOwn(n1.NextCounter);

        // Node 1 skipped slots 1, 3, 5, 7: offsets 4 and 6 are readable, and its next message is 9.
        Assert.Equal([4L, 6], Offsets(n1));
        Assert.Equal(9, n1.AppendOwn("x"));
    }

    [Fact]
    public void PollStartsAtTheFirstExistingOffsetAndStopsAtTheBound()
    {
        var n1 = new KeyLog(2, 1);
        n1.AddPeer(0, 0, "a");
        n1.AddPeer(0, 4, "b");
        n1.AddPeer(0, 6, "c");
        n1.PromiseOwn(n1.NextCounter);

        Assert.Equal([4L, 6], Offsets(n1, from: 1));
        Assert.Equal([0L, 4], Offsets(n1, max: 2));
        Assert.Equal("b", n1.Poll(1, 1)[0].Message!.GetValue<string>());
    }

    [Fact]
    public void ARepeatedPeerMessageKeepsTheFirst()
    {
        var n1 = new KeyLog(2, 1);
        n1.AddPeer(0, 0, "a");
        n1.AddPeer(0, 0, "other");

        Assert.Equal(1, n1.Count);
        n1.PromiseOwn(1);
        Assert.Equal("a", n1.Poll(0, 10)[0].Message!.GetValue<string>());
    }

    [Fact]
    public void AMessageAtAnotherNodesSlotIsRefused()
    {
        var n1 = new KeyLog(2, 1);

        Assert.Throws<ArgumentException>(() => n1.AddPeer(0, 3, "a"));
        Assert.Equal(0, n1.Count);
    }

    [Fact]
    public void APromisePastTheOwnCounterIsRefused()
    {
        var log = new KeyLog(2, 0);

        Assert.Throws<InvalidOperationException>(() => log.PromiseOwn(1));
    }

    [Fact]
    public void RecoveryRaisesTheCounterPastUsedSlots()
    {
        var log = new KeyLog(2, 0);
        log.RestoreOwn(4, JsonValue.Create(1));
        log.RestoreCounter(2);

        Assert.Equal(3, log.NextCounter);
        Assert.Equal(6, log.AppendOwn(2));
    }
}
