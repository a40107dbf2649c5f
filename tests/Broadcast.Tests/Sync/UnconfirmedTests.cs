using Glomers.Broadcast.Sync;
using Glomers.Broadcast.Values;

namespace Glomers.Broadcast.Tests.Sync;

public class UnconfirmedTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static DateTimeOffset At(int ms) => T0.AddMilliseconds(ms);
    private static Unconfirmed Record() => new(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(3));

    [Fact]
    public void AValueMissingFromTwoLaterDigestsAndOldEnoughIsLost()
    {
        var sent = Record();
        sent.Sent("n1", [7, 8], At(0));

        Assert.True(sent.Heard("n1", ValueSet.Of(8), At(100)).IsEmpty);
        var lost = sent.Heard("n1", ValueSet.Of(8), At(600));

        Assert.Equal([7L], lost.Values());
        Assert.False(sent.Waiting("n1"));
    }

    [Fact]
    public void TwoDigestsInQuickSuccessionProveNothing()
    {
        var sent = Record();
        sent.Sent("n1", [7], At(0));

        Assert.True(sent.Heard("n1", ValueSet.Empty, At(10)).IsEmpty);
        Assert.True(sent.Heard("n1", ValueSet.Empty, At(20)).IsEmpty);
        Assert.True(sent.Waiting("n1"));
        Assert.Equal([7L], sent.Heard("n1", ValueSet.Empty, At(520)).Values());
    }

    [Fact]
    public void AValueTheDigestShowsIsConfirmedAndNeverReported()
    {
        var sent = Record();
        sent.Sent("n1", [7], At(0));

        Assert.True(sent.Heard("n1", ValueSet.Of(7), At(50)).IsEmpty);

        Assert.False(sent.Waiting("n1"));
        Assert.True(sent.Heard("n1", ValueSet.Empty, At(900)).IsEmpty);
    }

    [Fact]
    public void DigestsOfOnePeerSayNothingAboutAnother()
    {
        var sent = Record();
        sent.Sent("n1", [7], At(0));

        sent.Heard("n2", ValueSet.Empty, At(100));
        Assert.True(sent.Heard("n2", ValueSet.Empty, At(700)).IsEmpty);

        Assert.True(sent.Waiting("n1"));
        Assert.False(sent.Waiting("n2"));
    }

    [Fact]
    public void SendsOlderThanTheForgetTimeAreDroppedUnjudged()
    {
        var sent = Record();
        sent.Sent("n1", [7], At(0));
        sent.Sent("n1", [9], At(3500));

        sent.Heard("n1", ValueSet.Empty, At(3600));
        var lost = sent.Heard("n1", ValueSet.Empty, At(4100));

        Assert.Equal([9L], lost.Values());
    }
}
