using System.Collections.Concurrent;
using Glomers.NodeRuntime.Time;

namespace Glomers.Harness.Core;

/// <summary>
/// The bench's single thread of control. Network deliveries, services, clients, the nemesis and
/// the test script itself (plain async code) all run here, one action at a time, so the bench's
/// state needs no locks. On the system clock it runs in real time; on a <see cref="VirtualTimeProvider"/>
/// it jumps from event to event, and one seed gives one run.
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

    /// <summary>
    /// Waits <paramref name="delay"/> exactly, to the tick. Task.Delay(TimeSpan, TimeProvider) truncates to whole
    /// milliseconds, so a wait of under 1 ms would end at once and a loop waiting for a deadline would spin.
    /// </summary>
    public Task Delay(TimeSpan delay, CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested) return Task.FromCanceled(cancellationToken);
        if (delay <= TimeSpan.Zero) return Task.CompletedTask;
        // Continuations run inline, on the thread the timer fires on; awaiting code still comes back through Post.
        // Running them asynchronously would send combinators (WhenAny) through the thread pool, where virtual
        // time cannot see them and would move on as if nothing were pending.
        var done = new TaskCompletionSource();
        var timer = Time.CreateTimer(_ => done.TrySetResult(), null, delay, Timeout.InfiniteTimeSpan);
        var registration = cancellationToken.Register(() => done.TrySetCanceled(cancellationToken));
        // The continuation also keeps the timer reachable until it fires.
        done.Task.ContinueWith(_ =>
        {
            timer.Dispose();
            registration.Dispose();
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return done.Task;
    }

    /// <summary>Waits until <paramref name="time"/> nanoseconds after the start, rounded up to a whole tick.</summary>
    public Task DelayUntil(long time, CancellationToken cancellationToken = default) =>
        Delay(TimeSpan.FromTicks(Math.Max(0, time - Now + 99) / 100), cancellationToken);

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
