using System.Collections.Concurrent;
using Glomers.NodeRuntime.Time;

namespace Glomers.Harness.Core;

/// <summary>
/// The bench's single thread of control. Network deliveries, services, clients, the nemesis and
/// the test script itself (plain async code) all run here, one action at a time, so the bench's
/// state needs no locks. On the system clock it runs in real time; on a <see cref="VirtualTimeProvider"/>
/// it jumps from event to event, and one seed gives one run.
/// The bench's own TaskCompletionSources therefore complete inside scheduler actions and without
/// RunContinuationsAsynchronously: with it, Task.WhenAny and WhenAll resume on the thread pool, and
/// the virtual clock would jump ahead while that thread is on its way back.
/// </summary>
public sealed class Scheduler : SynchronizationContext
{
    private readonly ConcurrentQueue<Action> inbox = new();
    private readonly SemaphoreSlim signal = new(0);
    private readonly VirtualTimeProvider? virtualClock;
    private readonly long start;

    public Scheduler(TimeProvider time)
    {
        Time = time;
        virtualClock = time as VirtualTimeProvider;
        start = time.GetTimestamp();
    }

    public TimeProvider Time { get; }
    public bool IsVirtual => virtualClock is not null;

    /// <summary>Nanoseconds since the scheduler was made.</summary>
    public long Now => Time.GetElapsedTime(start).Ticks * 100;

    /// <summary>Runs an action on the scheduler as soon as possible. Safe from any thread.</summary>
    public override void Post(SendOrPostCallback d, object? state) => Post(() => d(state));

    public void Post(Action action)
    {
        inbox.Enqueue(action);
        if (virtualClock is null) signal.Release();
    }

    public override void Send(SendOrPostCallback d, object? state) => throw new NotSupportedException();

    public override SynchronizationContext CreateCopy() => this;

    /// <summary>Runs <paramref name="action"/> after <paramref name="delay"/>. Dispose the result to cancel.</summary>
    public ITimer After(TimeSpan delay, Action action) =>
        Time.CreateTimer(_ => Post(action), null, delay < TimeSpan.Zero ? TimeSpan.Zero : delay, Timeout.InfiniteTimeSpan);

    /// <remarks>
    /// Not Task.Delay: it counts whole milliseconds, so a shorter wait would end at once without the
    /// virtual clock moving, and a loop waiting for a due time would spin.
    /// </remarks>
    public Task Delay(TimeSpan delay, CancellationToken cancellationToken = default)
    {
        if (delay <= TimeSpan.Zero) return Task.CompletedTask;
        if (cancellationToken.IsCancellationRequested) return Task.FromCanceled(cancellationToken);
        var done = new TaskCompletionSource();
        var timer = Time.CreateTimer(_ => Post(() => done.TrySetResult()), null, delay, Timeout.InfiniteTimeSpan);
        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.Register(() =>
            {
                timer.Dispose();
                done.TrySetCanceled(cancellationToken);
            });
        }
        return done.Task;
    }

    /// <summary>Waits until <paramref name="time"/> nanoseconds after the start.</summary>
    /// <remarks>Rounds up to the clock's 100 ns tick: rounding down would return early, and a virtual clock would never get there.</remarks>
    public Task DelayUntil(long time, CancellationToken cancellationToken = default) =>
        Delay(TimeSpan.FromTicks((time - Now + 99) / 100), cancellationToken);

    /// <summary>Runs the scheduler until <paramref name="main"/> (started on it) completes, and returns its result.</summary>
    public T Run<T>(Func<Task<T>> main)
    {
        var saved = Current;
        SetSynchronizationContext(this);
        try
        {
            var task = main();
            while (!task.IsCompleted)
            {
                if (inbox.TryDequeue(out var action))
                {
                    action();
                    continue;
                }
                if (virtualClock is null)
                {
                    signal.Wait(50);
                }
                else if (virtualClock.NextDue is { } due)
                {
                    virtualClock.AdvanceTo(due);
                }
                else
                {
                    throw new InvalidOperationException("The simulation has nothing left to do but the test is not over.");
                }
            }
            return task.GetAwaiter().GetResult();
        }
        finally
        {
            SetSynchronizationContext(saved);
        }
    }
}
