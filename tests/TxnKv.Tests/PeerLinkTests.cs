namespace Glomers.TxnKv.Tests;

public class PeerLinkTests
{
    private static readonly TimeSpan Resend = TimeSpan.FromMilliseconds(500);

    private static TimeSpan Ms(int ms) => TimeSpan.FromMilliseconds(ms);

    [Fact]
    public void NothingToSendOrConfirmSendsNothing()
    {
        var link = new PeerLink(Resend);

        Assert.Null(link.Next(0, Ms(100)));
        Assert.Null(link.Next(0, Ms(10_000)));
    }

    [Fact]
    public void NewEntriesGoOnceThenOnlyTheNewerOnes()
    {
        var link = new PeerLink(Resend);

        Assert.Equal(new Shipment(1, 3, 0), link.Next(3, Ms(100)));
        Assert.Equal(new Shipment(4, 5, 0), link.Next(5, Ms(200)));
        Assert.Null(link.Next(5, Ms(300)));
    }

    [Fact]
    public void UnconfirmedEntriesGoAgainInFullAfterTheResendInterval()
    {
        var link = new PeerLink(Resend);
        link.Receive(ack: 0, from: 1, count: 0, Ms(0));
        link.Next(3, Ms(100));
        link.Receive(ack: 2, from: 1, count: 0, Ms(150));

        Assert.Null(link.Next(3, Ms(600)));
        // 500 ms after the last progress (the confirmation of 2 at 150 ms), entry 3 goes again.
        Assert.Equal(new Shipment(3, 3, 0), link.Next(3, Ms(650)));
        Assert.Null(link.Next(3, Ms(700)));
        Assert.Equal(new Shipment(3, 4, 0), link.Next(4, Ms(1150)));
    }

    [Fact]
    public void ThePeerSpeakingAfterALongSilenceGetsEverythingUnconfirmedAtOnce()
    {
        var link = new PeerLink(Resend);
        link.Receive(ack: 0, from: 1, count: 0, Ms(50));
        link.Next(3, Ms(100));
        link.Next(3, Ms(650));
        // Heard again 1 s after the last word: the resend comes with the next message, not at 1150 ms.
        link.Receive(ack: 0, from: 1, count: 0, Ms(1050));

        Assert.Equal(new Shipment(1, 4, 0), link.Next(4, Ms(1100)));
        Assert.Equal(new Shipment(5, 5, 0), link.Next(5, Ms(1200)));
    }

    [Fact]
    public void ThePeersFirstWordEverAlsoBringsTheUnconfirmedAgain()
    {
        var link = new PeerLink(Resend);
        link.Next(3, Ms(100));
        link.Receive(ack: 1, from: 1, count: 0, Ms(120));

        Assert.Equal(new Shipment(2, 3, 0), link.Next(3, Ms(200)));
    }

    [Fact]
    public void WhatIsFullyConfirmedIsNeverSentAgain()
    {
        var link = new PeerLink(Resend);
        link.Next(3, Ms(100));
        link.Receive(ack: 3, from: 1, count: 0, Ms(150));

        Assert.Equal(3, link.Confirmed);
        Assert.Null(link.Next(3, Ms(5_000)));
    }

    [Fact]
    public void EntriesReceivedAreConfirmedOnceByTheNextMessage()
    {
        var link = new PeerLink(Resend);

        Assert.Equal([1L, 2L], link.Receive(ack: 0, from: 1, count: 2, Ms(10)));
        Assert.Equal(new Shipment(1, 0, 2), link.Next(0, Ms(100)));
        Assert.Null(link.Next(0, Ms(200)));
    }

    [Fact]
    public void EntriesSentAgainMeanTheConfirmationWasLostAndIsOwedAgain()
    {
        var link = new PeerLink(Resend);
        link.Receive(ack: 0, from: 1, count: 2, Ms(10));
        link.Next(0, Ms(100));

        Assert.Empty(link.Receive(ack: 0, from: 1, count: 2, Ms(610)));
        Assert.Equal(new Shipment(1, 0, 2), link.Next(0, Ms(700)));
        // A message with no entries asks for nothing.
        link.Receive(ack: 0, from: 3, count: 0, Ms(710));
        Assert.Null(link.Next(0, Ms(800)));
    }

    [Fact]
    public void OutOfOrderAndRepeatedEntriesAreNewOnlyOnceAndConfirmedWithoutGaps()
    {
        var link = new PeerLink(Resend);

        Assert.Equal([3L, 4L], link.Receive(0, from: 3, count: 2, Ms(10)));
        Assert.Equal(0, link.Received);
        Assert.Equal([1L, 2L], link.Receive(0, from: 1, count: 4, Ms(20)));
        Assert.Equal(4, link.Received);
        Assert.Empty(link.Receive(0, from: 2, count: 3, Ms(30)));
    }

    [Fact]
    public void AConfirmationOfMoreThanWasSentIsCappedAtWhatWasSent()
    {
        var link = new PeerLink(Resend);
        link.Next(2, Ms(100));
        link.Receive(ack: 9, from: 1, count: 0, Ms(110));

        Assert.Equal(2, link.Confirmed);
    }
}
