using Glomers.Broadcast.Gossip;

namespace Glomers.Broadcast.Tests.Gossip;

public class FlushClockTests
{
    private static readonly DateTimeOffset Epoch = DateTimeOffset.UnixEpoch;
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(350);

    [Fact]
    public void NextTickIsTheNextMultipleOfThePeriod()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(250), FlushClock.UntilNext(Epoch.AddMilliseconds(800), Period, TimeSpan.Zero));
    }

    [Fact]
    public void OffsetShiftsEveryTick()
    {
        // Ticks at 120, 470, 820, ...
        Assert.Equal(TimeSpan.FromMilliseconds(20), FlushClock.UntilNext(Epoch.AddMilliseconds(800), Period, TimeSpan.FromMilliseconds(120)));
        Assert.Equal(TimeSpan.FromMilliseconds(120), FlushClock.UntilNext(Epoch, Period, TimeSpan.FromMilliseconds(120)));
    }

    [Fact]
    public void OnATickTheNextOneIsAWholePeriodAway()
    {
        Assert.Equal(Period, FlushClock.UntilNext(Epoch.AddMilliseconds(700), Period, TimeSpan.Zero));
    }

    [Fact]
    public void NodesAtDifferentMomentsAgreeOnTheTicks()
    {
        var a = Epoch.AddMilliseconds(1000);
        var b = Epoch.AddMilliseconds(1040);

        Assert.Equal(a + FlushClock.UntilNext(a, Period, TimeSpan.Zero), b + FlushClock.UntilNext(b, Period, TimeSpan.Zero));
    }

    [Fact]
    public void ANonPositivePeriodIsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => FlushClock.UntilNext(Epoch, TimeSpan.Zero, TimeSpan.Zero));
    }
}
