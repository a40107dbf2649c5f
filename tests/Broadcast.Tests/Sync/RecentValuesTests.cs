using Glomers.Broadcast.Sync;

namespace Glomers.Broadcast.Tests.Sync;

public class RecentValuesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ValuesStopBeingRecentOnceTheSettlePeriodHasPassed()
    {
        var recent = new RecentValues(TimeSpan.FromSeconds(1));
        recent.Add(1, T0);
        recent.Add(2, T0.AddMilliseconds(600));

        Assert.Equal([1, 2], recent.At(T0.AddMilliseconds(999)).Values());
        Assert.Equal([2], recent.At(T0.AddMilliseconds(1000)).Values());
        Assert.True(recent.At(T0.AddMilliseconds(1600)).IsEmpty);
    }

    [Fact]
    public void ZeroSettleKeepsNothing()
    {
        var recent = new RecentValues(TimeSpan.Zero);
        recent.Add(1, T0);

        Assert.True(recent.At(T0).IsEmpty);
    }
}
