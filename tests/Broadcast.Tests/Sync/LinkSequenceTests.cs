using Glomers.Broadcast.Sync;

namespace Glomers.Broadcast.Tests.Sync;

public class LinkSequenceTests
{
    [Fact]
    public void NumbersEachLinkFromOne()
    {
        var links = new LinkSequence(7);

        Assert.Equal([1, 2, 1, 3], new[] { links.Next("n1"), links.Next("n1"), links.Next("n2"), links.Next("n1") });
    }

    [Fact]
    public void AGapInTheNumbersIsALoss()
    {
        var links = new LinkSequence(1);

        Assert.False(links.Lost("n1", 5, 1));
        Assert.False(links.Lost("n1", 5, 2));
        Assert.True(links.Lost("n1", 5, 5));
        Assert.False(links.Lost("n1", 5, 6));
    }

    [Fact]
    public void AFirstMessageAfterOthersWereLostIsALoss()
    {
        var links = new LinkSequence(1);

        Assert.True(links.Lost("n1", 5, 3));
    }

    [Fact]
    public void DuplicatesChangeNothing()
    {
        var links = new LinkSequence(1);
        links.Lost("n1", 5, 1);
        links.Lost("n1", 5, 2);

        Assert.False(links.Lost("n1", 5, 2));
        Assert.True(links.Lost("n1", 5, 4));
    }

    [Fact]
    public void ALinkThatReordersNoLongerReportsGaps()
    {
        var links = new LinkSequence(1);
        links.Lost("n1", 5, 1);
        Assert.True(links.Lost("n1", 5, 3));
        // 2 was late, not lost: this link reorders, so its gaps prove nothing from now on.
        Assert.False(links.Lost("n1", 5, 2));

        Assert.False(links.Lost("n1", 5, 9));
    }

    [Fact]
    public void ARestartedPeerCountsAfresh()
    {
        var links = new LinkSequence(1);
        links.Lost("n1", 5, 1);
        links.Lost("n1", 5, 2);

        Assert.False(links.Lost("n1", 6, 1));
        Assert.True(links.Lost("n1", 6, 3));
    }
}
