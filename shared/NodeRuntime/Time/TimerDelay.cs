namespace Glomers.NodeRuntime.Time;

/// <summary>
/// The one wait on a clock, for nodes and the bench alike. It ends on the tick (Task.Delay counts
/// whole milliseconds, so a shorter wait would end at once without a virtual clock moving), and it
/// ends as an action on the waiter's loop: what awaits it goes on there, in order with the loop's
/// other work, and a WhenAny or WhenAll over it completes there too rather than on the thread pool.
/// </summary>
public static class TimerDelay
{
    /// <summary>Waits <paramref name="delay"/> on <paramref name="time"/>, completing through <paramref name="post"/> (the loop's Post).</summary>
    public static Task Wait(TimeProvider time, TimeSpan delay, Action<Action> post, CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested) return Task.FromCanceled(cancellationToken);
        if (delay <= TimeSpan.Zero) return Task.CompletedTask;
        // Completed inside a loop action and without RunContinuationsAsynchronously, so the awaiting code runs in that same action.
        var done = new TaskCompletionSource();
        var timer = time.CreateTimer(_ => post(() => done.TrySetResult()), null, delay, Timeout.InfiniteTimeSpan);
        var registration = cancellationToken.CanBeCanceled
            ? cancellationToken.Register(() => post(() => done.TrySetCanceled(cancellationToken)))
            : default;
        // The continuation keeps the timer reachable until the wait ends, then releases both.
        done.Task.ContinueWith(_ =>
        {
            timer.Dispose();
            registration.Dispose();
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return done.Task;
    }
}
