using Glomers.NodeRuntime.Time;
using Glomers.NodeRuntime.Tests.Fixtures;

namespace Glomers.NodeRuntime.Tests;

public class PeriodicWorkTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    [Fact]
    public void EveryFiresOncePerIntervalOnTheVirtualClock()
    {
        var t = new TestNode().Init();
        var ticks = new List<DateTimeOffset>();
        var start = t.Clock.GetUtcNow();
        using var timer = t.Node.Every(Interval, () => ticks.Add(t.Node.Time.GetUtcNow()));

        t.Advance(TimeSpan.FromMilliseconds(99));
        var beforeFirst = ticks.Count;
        t.Advance(TimeSpan.FromMilliseconds(251));

        Assert.Equal(0, beforeFirst);
        Assert.Equal([start + Interval, start + 2 * Interval, start + 3 * Interval], ticks);
    }

    [Fact]
    public void EverySkipsTicksWhileTheAsyncCallbackStillRuns()
    {
        var t = new TestNode().Init();
        var started = 0;
        var release = new TaskCompletionSource();
        using var timer = t.Node.Every(Interval, async () =>
        {
            started++;
            await release.Task;
        });

        t.Advance(Interval);
        t.Advance(Interval * 3);
        var whileBusy = started;
        release.SetResult();
        t.Loop.RunPending();
        t.Advance(Interval);

        Assert.Equal(1, whileBusy);
        Assert.Equal(2, started);
    }

    [Fact]
    public void EveryStopsWhenDisposed()
    {
        var t = new TestNode().Init();
        var ticks = 0;
        var timer = t.Node.Every(Interval, () => ticks++);
        t.Advance(Interval * 2);

        timer.Dispose();
        t.Advance(Interval * 5);

        Assert.Equal(2, ticks);
        Assert.Null(t.Clock.NextDue);
    }

    [Fact]
    public void TickAlreadyQueuedWhenDisposedDoesNotRun()
    {
        var t = new TestNode().Init();
        var ticks = 0;
        var timer = t.Node.Every(Interval, () => ticks++);

        t.Clock.Advance(Interval);
        timer.Dispose();
        t.Loop.RunPending();

        Assert.Equal(0, ticks);
    }

    [Fact]
    public void FailingCallbackIsLoggedAndKeepsTicking()
    {
        var t = new TestNode().Init();
        var ticks = 0;
        using var timer = t.Node.Every(Interval, () =>
        {
            ticks++;
            throw new InvalidOperationException("tick failed");
        });

        t.Advance(Interval * 3);

        Assert.Equal(3, ticks);
        Assert.Equal(3, t.Log.Entries.Count(e => e.Text == "Periodic task failed"));
    }

    [Fact]
    public void DelayCompletesOnTheVirtualClock()
    {
        var t = new TestNode().Init();
        var delay = t.RunOnLoop(() => t.Node.Delay(TimeSpan.FromSeconds(2)));

        t.Advance(TimeSpan.FromMilliseconds(1999));
        var early = delay.IsCompleted;
        t.Advance(TimeSpan.FromMilliseconds(1));

        Assert.False(early);
        Assert.True(delay.IsCompletedSuccessfully);
    }
}

public class VirtualDelayTests
{
    [Fact]
    public void DelayWaitsExactlyOnTheVirtualClockEvenBelowAMillisecond()
    {
        var t = new TestNode().Init();
        var delay = t.RunOnLoop(async () =>
        {
            await t.Node.Delay(TimeSpan.FromTicks(5_000)); // 0.5 ms
            return t.Node.Time.GetUtcNow();
        });
        var start = t.Clock.GetUtcNow();

        t.Advance(TimeSpan.FromTicks(4_999));
        var early = delay.IsCompleted;
        t.Advance(TimeSpan.FromTicks(1));

        Assert.False(early);
        Assert.Equal(start + TimeSpan.FromTicks(5_000), TestNode.Completed(delay));
    }

    [Fact]
    public void TimerWithZeroPeriodFiresOnce()
    {
        var clock = new VirtualTimeProvider();
        var fired = 0;
        using var timer = clock.CreateTimer(_ => fired++, null, TimeSpan.FromMilliseconds(10), TimeSpan.Zero);

        clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(1, fired);
    }
}
