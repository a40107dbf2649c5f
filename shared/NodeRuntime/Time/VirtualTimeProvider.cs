namespace Glomers.NodeRuntime.Time;

/// <summary>
/// A clock that moves only when told to. Timers fire, in due order, on the thread that advances
/// the clock. <see cref="Run"/> jumps from one event to the next for the simulator and for tests.
/// </summary>
public sealed class VirtualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly PriorityQueue<VirtualTimer, (long Due, long Seq)> timers = new();
    // Off-loop plumbing: timers are set and disposed from the loops of many nodes and the bench's
    // scheduler, and a test's threads, while one thread advances the clock.
    private readonly object gate = new();
    private long nowTicks = start.UtcTicks;
    private long seq;

    public VirtualTimeProvider() : this(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)) { }

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref nowTicks), TimeSpan.Zero);

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => Interlocked.Read(ref nowTicks);

    /// <summary>When the earliest live timer fires, or null when none is set.</summary>
    public DateTimeOffset? NextDue
    {
        get
        {
            lock (gate)
            {
                while (timers.TryPeek(out var t, out var key))
                {
                    if (t.IsLive(key.Seq)) return new DateTimeOffset(key.Due, TimeSpan.Zero);
                    timers.Dequeue();
                }
                return null;
            }
        }
    }

    public void Advance(TimeSpan by) => AdvanceTo(GetUtcNow() + by);

    /// <summary>Moves the clock to <paramref name="when"/>, firing every timer due up to it in order.</summary>
    public void AdvanceTo(DateTimeOffset when)
    {
        var target = when.UtcTicks;
        while (true)
        {
            VirtualTimer timer;
            lock (gate)
            {
                if (!timers.TryPeek(out timer!, out var key) || key.Due > target) break;
                timers.Dequeue();
                if (!timer.IsLive(key.Seq)) continue;
                if (key.Due > nowTicks) Interlocked.Exchange(ref nowTicks, key.Due);
                timer.Fired();
            }
            timer.Invoke();
        }
        lock (gate)
        {
            if (target > nowTicks) Interlocked.Exchange(ref nowTicks, target);
        }
    }

    /// <summary>
    /// Drives a simulation on this clock; the one loop that moves virtual time. It runs the work that
    /// is ready (<paramref name="runReady"/> runs some and says whether there was any) and, when none
    /// is left, moves the clock to the next due timer; until <paramref name="done"/> holds, or, with
    /// <paramref name="until"/>, until no timer is due by then, when the clock is moved there.
    /// </summary>
    /// <returns>True once <paramref name="done"/> held; false when the time ran out or nothing was left to happen.</returns>
    public bool Run(Func<bool> runReady, Func<bool> done, DateTimeOffset? until = null)
    {
        while (!done())
        {
            if (runReady()) continue;
            if (NextDue is { } due && (until is null || due <= until))
            {
                AdvanceTo(due);
                continue;
            }
            if (until is { } end) AdvanceTo(end);
            return false;
        }
        return true;
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new VirtualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    private void Schedule(VirtualTimer timer, long due, out long key)
    {
        lock (gate)
        {
            key = ++seq;
            timers.Enqueue(timer, (due, key));
        }
    }

    private sealed class VirtualTimer(VirtualTimeProvider clock, TimerCallback callback, object? state) : ITimer
    {
        private long liveSeq = -1;
        private long periodTicks;
        private long dueTicks;

        public bool IsLive(long seq) => Interlocked.Read(ref liveSeq) == seq;

        // Called under the clock's lock: re-arms a periodic timer before its callback runs.
        public void Fired()
        {
            if (periodTicks > 0)
            {
                dueTicks += periodTicks;
                clock.Schedule(this, dueTicks, out var s);
                liveSeq = s;
            }
            else
            {
                liveSeq = -1;
            }
        }

        public void Invoke() => callback(state);

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock.gate)
            {
                liveSeq = -1;
                // As for System.Threading.Timer, a period of zero (or infinite) means one-shot.
                periodTicks = period == Timeout.InfiniteTimeSpan || period <= TimeSpan.Zero ? 0 : period.Ticks;
                if (dueTime == Timeout.InfiniteTimeSpan) return true;
                dueTicks = clock.nowTicks + Math.Max(dueTime.Ticks, 0);
                clock.Schedule(this, dueTicks, out var s);
                liveSeq = s;
            }
            return true;
        }

        public void Dispose()
        {
            lock (clock.gate) liveSeq = -1;
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
