namespace Glomers.Broadcast.Gossip;

/// <summary>
/// Batch ticks fall at <c>k * period + offset</c> on the shared clock, so every leaf flushes at the
/// same instants and the hub can flush right after their batches land. Ticks count from the Unix epoch.
/// </summary>
public static class FlushClock
{
    /// <summary>Time from <paramref name="now"/> to the next tick strictly after it.</summary>
    public static TimeSpan UntilNext(DateTimeOffset now, TimeSpan period, TimeSpan offset)
    {
        if (period <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(period), period, "a batch period must be positive");
        var p = period.Ticks;
        var phase = ((now - DateTimeOffset.UnixEpoch - offset).Ticks % p + p) % p;
        return TimeSpan.FromTicks(p - phase);
    }
}
