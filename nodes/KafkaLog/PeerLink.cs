namespace Glomers.KafkaLog;

/// <summary>
/// What one node and one peer know of each other's event logs. Every sync message carries all the
/// sender's events the peer has not confirmed and how many of the peer's events the sender holds, so
/// a lost message is repaired by the next one and no separate acknowledgement is needed. Each
/// incarnation of a node (a start with empty memory) has its own number: a peer that sees a new one
/// starts that node's log afresh, and confirmations meant for another incarnation count for nothing.
/// </summary>
public sealed class PeerLink(string peer, long incarnation)
{
    private int sentUpTo;
    private long lastSentAt = long.MinValue;

    public string Peer { get; } = peer;

    /// <summary>This node's incarnation, as told to the peer.</summary>
    public long Incarnation { get; } = incarnation;

    /// <summary>How many of this node's events the peer has confirmed.</summary>
    public int Acked { get; private set; }

    /// <summary>The peer incarnation whose events are counted in <see cref="Received"/>.</summary>
    public long PeerIncarnation { get; private set; }

    /// <summary>How many of the peer's events this node has applied.</summary>
    public int Received { get; private set; }

    /// <summary>The peer sent something new (or something out of order) and should hear where this node
    /// stands. True at the start: a node that restarted with empty memory says so at once, so its peers
    /// send it their logs again even when they have nothing new.</summary>
    public bool OweAck { get; private set; } = true;

    /// <summary>
    /// Whether to send now, and which of this node's <paramref name="ownCount"/> events: news goes at
    /// once, unconfirmed events again after <paramref name="retransmitAfter"/>, an owed confirmation at once.
    /// </summary>
    public (int From, int Count)? NextSync(int ownCount, long now, long retransmitAfter, int maxEvents)
    {
        var unconfirmed = ownCount > Acked;
        var due = unconfirmed && (lastSentAt == long.MinValue || now - lastSentAt >= retransmitAfter);
        if (ownCount <= sentUpTo && !due && !OweAck) return null;
        var count = Math.Min(ownCount - Acked, maxEvents);
        sentUpTo = Math.Max(sentUpTo, Acked + count);
        lastSentAt = now;
        OweAck = false;
        return (Acked, count);
    }

    /// <summary>
    /// Takes in a sync from the peer: its incarnation, its confirmation of this node's events, and
    /// <paramref name="count"/> of its events starting at index <paramref name="from"/>. Returns how
    /// many leading events of the message this node already has (the rest are to be applied), or -1
    /// when none are to be applied.
    /// </summary>
    public int Receive(long peerIncarnation, long ackIncarnation, int ack, int from, int count, int ownCount)
    {
        if (peerIncarnation != PeerIncarnation)
        {
            PeerIncarnation = peerIncarnation;
            Received = 0;
        }
        Acked = ackIncarnation == Incarnation ? Math.Clamp(ack, 0, ownCount) : 0;
        if (from > Received)
        {
            OweAck = true;
            return -1;
        }
        var end = from + count;
        if (end <= Received) return -1;
        var skip = Received - from;
        Received = end;
        OweAck = true;
        return skip;
    }
}
