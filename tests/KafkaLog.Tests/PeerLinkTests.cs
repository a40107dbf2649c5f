namespace Glomers.KafkaLog.Tests;

public class PeerLinkTests
{
    private const long Retransmit = 200;

    private static PeerLink Started()
    {
        var link = new PeerLink("n1", 5);
        Assert.Equal((0, 0), link.NextSync(0, 0, Retransmit, 100));
        return link;
    }

    [Fact]
    public void ANewIncarnationAnnouncesItselfOnce()
    {
        var link = new PeerLink("n1", 5);

        Assert.True(link.OweAck);
        Assert.Equal((0, 0), link.NextSync(0, 0, Retransmit, 100));
        Assert.Null(link.NextSync(0, 1000, Retransmit, 100));
    }

    [Fact]
    public void NewsGoesOutAtOnceAndNothingWhenIdle()
    {
        var link = Started();

        Assert.Null(link.NextSync(0, 1, Retransmit, 100));
        Assert.Equal((0, 3), link.NextSync(3, 10, Retransmit, 100));
        Assert.Null(link.NextSync(3, 20, Retransmit, 100));
    }

    [Fact]
    public void UnconfirmedEventsGoAgainAfterTheRetransmitTime()
    {
        var link = Started();
        link.NextSync(3, 0, Retransmit, 100);

        Assert.Null(link.NextSync(3, 199, Retransmit, 100));
        Assert.Equal((0, 3), link.NextSync(3, 200, Retransmit, 100));
    }

    [Fact]
    public void AConfirmationStopsRetransmissionAndNextSyncsStartAfterIt()
    {
        var link = new PeerLink("n1", 5);
        link.NextSync(3, 0, Retransmit, 100);
        link.Receive(peerIncarnation: 9, ackIncarnation: 5, ack: 3, from: 0, count: 0, ownCount: 3);

        Assert.Null(link.NextSync(3, 1000, Retransmit, 100));
        Assert.Equal((3, 2), link.NextSync(5, 1001, Retransmit, 100));
    }

    [Fact]
    public void NewEventsFromThePeerAreAppliedOnceAndOweAConfirmation()
    {
        var link = new PeerLink("n1", 5);

        Assert.Equal(0, link.Receive(9, 0, 0, from: 0, count: 4, ownCount: 0));
        Assert.True(link.OweAck);
        Assert.Equal((0, 0), link.NextSync(0, 0, Retransmit, 100));
        Assert.Equal(2, link.Receive(9, 0, 0, from: 2, count: 4, ownCount: 0));
        Assert.Equal(6, link.Received);
        Assert.Equal(-1, link.Receive(9, 0, 0, from: 0, count: 6, ownCount: 0));
    }

    [Fact]
    public void AnAckOnlyMessageOwesNothing()
    {
        var link = Started();

        Assert.Equal(-1, link.Receive(9, 5, 0, from: 0, count: 0, ownCount: 0));
        Assert.False(link.OweAck);
    }

    [Fact]
    public void AGapIsNotAppliedButAnswered()
    {
        var link = Started();

        Assert.Equal(-1, link.Receive(9, 0, 0, from: 3, count: 2, ownCount: 0));
        Assert.Equal(0, link.Received);
        Assert.True(link.OweAck);
    }

    [Fact]
    public void ARestartedPeerIsStartedAfreshAndOldConfirmationsCountForNothing()
    {
        var link = new PeerLink("n1", 5);
        link.Receive(9, 5, 0, from: 0, count: 4, ownCount: 2);
        link.Receive(9, 5, 2, from: 4, count: 0, ownCount: 2);
        Assert.Equal(2, link.Acked);

        // The peer came back with empty memory (incarnation 11): it has none of this node's events.
        Assert.Equal(0, link.Receive(11, 0, 0, from: 0, count: 1, ownCount: 2));
        Assert.Equal(1, link.Received);
        Assert.Equal(0, link.Acked);
    }

    [Fact]
    public void ALongBacklogGoesInBoundedPieces()
    {
        var link = new PeerLink("n1", 5);

        Assert.Equal((0, 100), link.NextSync(250, 0, Retransmit, 100));
        link.Receive(9, 5, 100, 0, 0, 250);
        Assert.Equal((100, 100), link.NextSync(250, 1, Retransmit, 100));
    }
}
