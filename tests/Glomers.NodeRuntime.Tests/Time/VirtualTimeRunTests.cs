using Glomers.NodeRuntime.Loop;
using Glomers.NodeRuntime.Tests.Fixtures;
using Glomers.NodeRuntime.Time;

namespace Glomers.NodeRuntime.Tests.Time;

public class VirtualTimeRunTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void RunJumpsFromTimerToTimerAndRunsTheWorkEachOneReleases()
    {
        var clock = new VirtualTimeProvider(Start);
        var loop = new ManualEventLoop();
        var seen = new List<(string What, TimeSpan At)>();
        void At(int ms, string what) => clock.CreateTimer(_ => loop.Post(() => seen.Add((what, clock.GetUtcNow() - Start))), null, TimeSpan.FromMilliseconds(ms), Timeout.InfiniteTimeSpan);
        At(30, "b");
        At(10, "a");
        // Work that a timer releases can set a later timer, which the same run reaches.
        clock.CreateTimer(_ => loop.Post(() => At(5, "c")), null, TimeSpan.FromMilliseconds(20), Timeout.InfiniteTimeSpan);

        var done = clock.Run(() => loop.RunPending() > 0, () => false, Start + TimeSpan.FromMilliseconds(100));

        Assert.False(done);
        Assert.Equal([("a", TimeSpan.FromMilliseconds(10)), ("c", TimeSpan.FromMilliseconds(25)), ("b", TimeSpan.FromMilliseconds(30))], seen);
        Assert.Equal(Start + TimeSpan.FromMilliseconds(100), clock.GetUtcNow());
    }

    [Fact]
    public void RunStopsAtTheLimitWithTheWorkDueThereDoneAndLaterTimersLeft()
    {
        var clock = new VirtualTimeProvider(Start);
        var loop = new ManualEventLoop();
        var fired = new List<int>();
        foreach (var ms in new[] { 50, 51 })
            clock.CreateTimer(_ => loop.Post(() => fired.Add(ms)), null, TimeSpan.FromMilliseconds(ms), Timeout.InfiniteTimeSpan);

        clock.Run(() => loop.RunPending() > 0, () => false, Start + TimeSpan.FromMilliseconds(50));

        Assert.Equal([50], fired);
        Assert.Equal(Start + TimeSpan.FromMilliseconds(51), clock.NextDue);
    }

    [Fact]
    public void RunEndsWhenDoneAndSaysWhenNothingIsLeftToHappen()
    {
        var clock = new VirtualTimeProvider(Start);
        var loop = new ManualEventLoop();
        var ticks = 0;
        using var timer = clock.CreateTimer(_ => loop.Post(() => ticks++), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

        Assert.True(clock.Run(() => loop.RunPending() > 0, () => ticks == 3));
        Assert.Equal(Start + TimeSpan.FromSeconds(3), clock.GetUtcNow());

        timer.Dispose();
        Assert.False(clock.Run(() => loop.RunPending() > 0, () => false));
        Assert.Equal(Start + TimeSpan.FromSeconds(3), clock.GetUtcNow());
    }
}

public class TimerDelayTests
{
    [Fact]
    public void WaitsCombinedWithWhenAllGoOnOnTheNodeLoop()
    {
        // The waits end as loop actions, so what awaits all of them is done once the loop has run, with no thread pool hop.
        var t = new TestNode().Init();
        var both = t.RunOnLoop(async () =>
        {
            await Task.WhenAll(t.Node.Delay(TimeSpan.FromMilliseconds(10)), t.Node.Delay(TimeSpan.FromMilliseconds(20)));
            return t.Node.Time.GetUtcNow();
        });
        var start = t.Clock.GetUtcNow();

        t.Advance(TimeSpan.FromMilliseconds(19));
        var early = both.IsCompleted;
        t.Advance(TimeSpan.FromMilliseconds(1));

        Assert.False(early);
        Assert.Equal(start + TimeSpan.FromMilliseconds(20), TestNode.Completed(both));
    }

    [Fact]
    public void CancelledWaitEndsOnTheLoopWithoutTheClockMoving()
    {
        var t = new TestNode().Init();
        using var cts = new CancellationTokenSource();
        var wait = t.RunOnLoop(() => t.Node.Delay(TimeSpan.FromSeconds(5), cts.Token));

        cts.Cancel();
        var beforeTheLoopRan = wait.IsCompleted;
        t.Loop.RunPending();

        Assert.False(beforeTheLoopRan);
        Assert.True(wait.IsCanceled);
        Assert.Null(t.Clock.NextDue);
    }
}
