namespace Glomers.Broadcast.Sync;

/// <summary>
/// Numbers the gossip on each link, so a receiver sees a lost message as a gap in the numbers
/// rather than guessing from time: after a heal, the first message across the cut shows what the
/// cut swallowed. Each incarnation of a node numbers from 1 under its own random tag, so a
/// restarted peer starts a fresh count. A link that ever delivered a missing number late reorders
/// messages, and from then on its gaps prove nothing: they are ignored and repairs there rely on
/// digests and rounds alone.
/// </summary>
public sealed class LinkSequence(long incarnation)
{
    private const int MaxMissing = 256;
    private readonly Dictionary<string, long> sent = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Received> received = new(StringComparer.Ordinal);

    /// <summary>This node's tag, sent with every number.</summary>
    public long Incarnation { get; } = incarnation;

    /// <summary>The number of the next message to <paramref name="peer"/>.</summary>
    public long Next(string peer)
    {
        var n = sent.GetValueOrDefault(peer) + 1;
        sent[peer] = n;
        return n;
    }

    /// <summary>Records message <paramref name="seq"/> from <paramref name="peer"/>; true when it shows that an earlier one was lost.</summary>
    public bool Lost(string peer, long incarnation, long seq)
    {
        if (!received.TryGetValue(peer, out var link) || link.Incarnation != incarnation)
            received[peer] = link = new Received(incarnation);
        if (seq > link.Highest)
        {
            var gap = seq > link.Highest + 1;
            for (var m = link.Highest + 1; m < seq && link.Missing.Count < MaxMissing; m++) link.Missing.Add(m);
            link.Highest = seq;
            return gap && !link.Reorders;
        }
        // A duplicate changes nothing; a number that was missing and comes now came out of order.
        if (link.Missing.Remove(seq)) link.Reorders = true;
        return false;
    }

    private sealed class Received(long incarnation)
    {
        public long Incarnation { get; } = incarnation;
        public long Highest { get; set; }
        public HashSet<long> Missing { get; } = [];
        public bool Reorders { get; set; }
    }
}
