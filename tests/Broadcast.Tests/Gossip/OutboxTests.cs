using Glomers.Broadcast.Gossip;

namespace Glomers.Broadcast.Tests.Gossip;

public class OutboxTests
{
    [Fact]
    public void DrainGivesOneBatchPerDestinationAndEmptiesTheOutbox()
    {
        var outbox = new Outbox();
        outbox.Add("n1", 5);
        outbox.Add("n2", 5);
        outbox.Add("n1", 6);

        var batches = outbox.Drain();

        Assert.Equal(2, batches.Count);
        Assert.Equal(["n1", "n2"], batches.Select(b => b.Destination));
        Assert.Equal([5, 6], batches[0].Values);
        Assert.Equal([5], batches[1].Values);
        Assert.True(outbox.IsEmpty);
        Assert.Empty(outbox.Drain());
    }

    [Fact]
    public void DestinationsWithNothingNewGetNoBatch()
    {
        var outbox = new Outbox();
        outbox.Add("n1", 1);
        outbox.Add("n2", 2);
        outbox.Drain();
        outbox.Add("n2", 3);

        Assert.Equal(["n2"], outbox.Drain().Select(b => b.Destination));
    }
}
