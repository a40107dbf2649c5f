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
    public void SimulationThatCanNeverFinishIsAnError()
    {
        var scheduler = new Scheduler(new VirtualTimeProvider());
        var never = new TaskCompletionSource<int>();
        Assert.Throws<InvalidOperationException>(() => scheduler.Run(() => never.Task));
    }
}
