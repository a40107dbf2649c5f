using Glomers.Harness.Core;
using Glomers.NodeRuntime.Time;

namespace Glomers.Harness.Tests.Bench;

public sealed class SchedulerTests
{
    [Fact]
    public void WaitsShorterThanAMillisecondMoveVirtualTimeExactly()
    {
        var scheduler = new Scheduler(new VirtualTimeProvider());
        var times = scheduler.Run(async () =>
        {
            await scheduler.DelayUntil(50);                      // 50 ns: rounded up to one tick
            var first = scheduler.Now;
            await scheduler.Delay(TimeSpan.FromTicks(3));
            var second = scheduler.Now;
            await scheduler.Delay(TimeSpan.FromMilliseconds(1.5));
            return (first, second, scheduler.Now);
        });
        Assert.Equal((100L, 400L, 1_500_400L), times);
    }

    [Fact]
    public void CancelledWaitEndsWithoutMovingTime()
    {
        var scheduler = new Scheduler(new VirtualTimeProvider());
        using var cts = new CancellationTokenSource();
        var now = scheduler.Run(async () =>
        {
            var wait = scheduler.Delay(TimeSpan.FromSeconds(5), cts.Token);
            cts.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
            return scheduler.Now;
        });
        Assert.Equal(0, now);
    }

    [Fact]
    public void RunUntilRunsWhatIsDueByThenAndLeavesTheClockThere()
    {
        var scheduler = new Scheduler(new VirtualTimeProvider());
        var seen = new List<(string, long)>();
        scheduler.After(TimeSpan.FromMilliseconds(10), () => seen.Add(("timer", scheduler.Now)));
        scheduler.After(TimeSpan.FromMilliseconds(20), () => scheduler.Post(() => seen.Add(("posted by the timer at the limit", scheduler.Now))));
        scheduler.After(TimeSpan.FromMilliseconds(21), () => seen.Add(("after the limit", scheduler.Now)));

        scheduler.RunUntil(20_000_000);

        Assert.Equal([("timer", 10_000_000L), ("posted by the timer at the limit", 20_000_000L)], seen);
        Assert.Equal(20_000_000, scheduler.Now);
    }

    [Fact]
    public void SimulationThatCanNeverFinishIsAnError()
    {
        var scheduler = new Scheduler(new VirtualTimeProvider());
        var never = new TaskCompletionSource<int>();
        Assert.Throws<InvalidOperationException>(() => scheduler.Run(() => never.Task));
    }
}
