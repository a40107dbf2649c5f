namespace Glomers.GCounter;

/// <summary>
/// The adds of this node that wait for seq-kv, and the cas attempts that carry them.
/// Every attempt starts from the confirmed slot value and carries every waiting add, so a later
/// attempt is a superset of an earlier one. At most one attempt from a given base can ever apply
/// (the base is gone once one does), and since the node is the slot's only writer, the slot's
/// value, once seen, says exactly which attempt applied, if any: its adds are then acknowledged.
/// </summary>
/// <typeparam name="T">What stands for a waiting add: the request to answer.</typeparam>
public sealed class AddBatcher<T>
{
    private readonly List<(T Waiter, long Delta)> waiting = [];
    private readonly List<CasAttempt> attempts = [];
    private long waitingSum;
    private long lastVersion;

    public AddBatcher(SlotValue confirmed)
    {
        Confirmed = confirmed;
        lastVersion = confirmed.Version;
    }

    /// <summary>The slot value seq-kv is known to hold.</summary>
    public SlotValue Confirmed { get; private set; }

    public int WaitingCount => waiting.Count;

    /// <summary>Attempts from the confirmed value whose outcome is still unknown.</summary>
    public int UnresolvedAttempts => attempts.Count;

    /// <summary>Queues an add. Throws <see cref="OverflowException"/> if the slot's sum would overflow.</summary>
    public void Add(T waiter, long delta)
    {
        var newWaitingSum = checked(waitingSum + delta);
        _ = checked(Confirmed.Sum + newWaitingSum);
        waiting.Add((waiter, delta));
        waitingSum = newWaitingSum;
    }

    /// <summary>The next cas to send: confirmed value to a fresh version carrying every waiting add.</summary>
    public CasAttempt NextAttempt()
    {
        var attempt = new CasAttempt(Confirmed, new SlotValue(++lastVersion, Confirmed.Sum + waitingSum), waiting.Count);
        attempts.Add(attempt);
        return attempt;
    }

    /// <summary>
    /// Takes in what the own slot was seen to hold (a cas_ok of an attempt, or a fresh read), and
    /// returns the waiters whose adds it contains, in the order they were added.
    /// </summary>
    public IReadOnlyList<T> Observe(SlotValue slot)
    {
        // Still the base (nothing applied yet), or an older value that a stale read returned.
        if (slot == Confirmed || slot.Version < Confirmed.Version) return [];
        var applied = attempts.Find(a => a.To == slot);
        attempts.Clear();
        Confirmed = slot;
        lastVersion = Math.Max(lastVersion, slot.Version);
        // A value none of our attempts wrote (a previous life of this node) is adopted as the new
        // base; the waiting adds are in none of it and go out again from there.
        if (applied is null) return [];
        var acked = waiting.Take(applied.AddCount).Select(w => w.Waiter).ToArray();
        waitingSum -= waiting.Take(applied.AddCount).Sum(w => w.Delta);
        waiting.RemoveRange(0, applied.AddCount);
        return acked;
    }
}
