using Glomers.Broadcast.Values;

namespace Glomers.Broadcast.Sync;

/// <summary>
/// The values this node learned within the last <c>settle</c> period. Such values are probably
/// still travelling to the other nodes by the normal path, so anti-entropy leaves them out
/// instead of paying a repair message for them. Holds at most what arrives in one period.
/// </summary>
public sealed class RecentValues(TimeSpan settle)
{
    private readonly Queue<(DateTimeOffset At, long Value)> learned = new();

    public TimeSpan Settle { get; } = settle;

    public void Add(long value, DateTimeOffset now)
    {
        learned.Enqueue((now, value));
        Forget(now);
    }

    /// <summary>The values learned less than <see cref="Settle"/> before <paramref name="now"/>.</summary>
    public ValueSet At(DateTimeOffset now)
    {
        Forget(now);
        return ValueSet.Of(learned.Select(l => l.Value));
    }

    private void Forget(DateTimeOffset now)
    {
        while (learned.TryPeek(out var oldest) && now - oldest.At >= Settle) learned.Dequeue();
    }
}
