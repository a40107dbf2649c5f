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

    /// <summary>Waits on the scheduler's clock, to the tick, and goes on on the scheduler (see <see cref="TimerDelay"/>).</summary>
    public Task Delay(TimeSpan delay, CancellationToken cancellationToken = default) =>
        TimerDelay.Wait(Time, delay, Post, cancellationToken);

    /// <summary>Waits until <paramref name="time"/> nanoseconds after the start.</summary>
    /// <remarks>Rounds up to the clock's 100 ns tick: rounding down would return early, and a virtual clock would never get there.</remarks>
    public Task DelayUntil(long time, CancellationToken cancellationToken = default) =>
        Delay(Ticks(time - Now), cancellationToken);

    /// <summary>Runs the scheduler until <paramref name="main"/> (started on it) completes, and returns its result.</summary>
    public T Run<T>(Func<Task<T>> main)
    {
        var saved = Current;
        SetSynchronizationContext(this);
        try
        {
            var task = main();
            if (virtualClock is not null)
            {
                if (!virtualClock.Run(RunOne, () => task.IsCompleted))
                    throw new InvalidOperationException("The simulation has nothing left to do but the test is not over.");
            }
            else
            {
                while (!task.IsCompleted)
                {
                    if (!RunOne()) signal.Wait(50);
                }
            }
            return task.GetAwaiter().GetResult();
        }
        finally
        {
            SetSynchronizationContext(saved);
        }
    }

    /// <summary>
    /// Runs everything due up to <paramref name="time"/> nanoseconds after the start, the work ready
    /// at that time included, and leaves the virtual clock there. For scripts that step a simulation.
    /// </summary>
    public void RunUntil(long time)
    {
        if (virtualClock is null) throw new InvalidOperationException("Only a scheduler on virtual time can be run to a time.");
        var saved = Current;
        SetSynchronizationContext(this);
        try
        {
            virtualClock.Run(RunOne, () => false, virtualClock.GetUtcNow() + Ticks(time - Now));
        }
        finally
        {
            SetSynchronizationContext(saved);
        }
    }

    private bool RunOne()
    {
        if (!inbox.TryDequeue(out var action)) return false;
        action();
        return true;
    }

    private static TimeSpan Ticks(long nanoseconds) => TimeSpan.FromTicks((nanoseconds + 99) / 100);
}
