namespace Glomers.TxnKv;

/// <summary>What to send one peer now: own log entries <see cref="From"/>..<see cref="To"/> (none when From &gt; To) and our confirmation of its log.</summary>
public readonly record struct Shipment(long From, long To, long Ack)
{
    public long Count => Math.Max(0, To - From + 1);
}

/// <summary>
/// Replication to and from one peer, as pure bookkeeping. Outgoing: the peer confirms how far it
/// has our log (<see cref="Confirmed"/>) in its own messages; new entries go once, and everything
/// unconfirmed goes again when no confirmation has moved for the resend interval (a message was
/// lost, or a partition is on), and at once when the peer speaks after a silence that long (a heal). Incoming: entries may come out of order or twice; the confirmation
/// we send is the longest gap-free prefix received. One message per period at most, none when
/// there is nothing new to send or to confirm.
/// </summary>
public sealed class PeerLink(TimeSpan resendAfter)
{
    private readonly HashSet<long> receivedAhead = [];
    private long sentUpTo;
    private TimeSpan lastProgress;
    private TimeSpan? lastHeard;
    private bool ackOwed;
    private bool heardAfterSilence;

    /// <summary>How far the peer has confirmed our log.</summary>
    public long Confirmed { get; private set; }

    /// <summary>How far we hold the peer's log without a gap.</summary>
    public long Received { get; private set; }

    /// <summary>The next message for the peer at <paramref name="now"/>, given our log's newest sequence number, or null for none.</summary>
    public Shipment? Next(long logEnd, TimeSpan now)
    {
        var resend = Confirmed < sentUpTo && (heardAfterSilence || now - lastProgress >= resendAfter);
        heardAfterSilence = false;
        Shipment? shipment = null;
        if (resend)
        {
            lastProgress = now;
            shipment = new Shipment(Confirmed + 1, logEnd, Received);
        }
        else if (logEnd > sentUpTo)
        {
            // Nothing was waiting for a confirmation: the clock for a resend starts now.
            if (Confirmed == sentUpTo) lastProgress = now;
            shipment = new Shipment(sentUpTo + 1, logEnd, Received);
        }
        else if (ackOwed)
        {
            shipment = new Shipment(logEnd + 1, logEnd, Received);
        }
        if (shipment is null) return null;
        sentUpTo = Math.Max(sentUpTo, logEnd);
        ackOwed = false;
        return shipment;
    }

    /// <summary>
    /// A message from the peer: its confirmation of our log, and its entries from <paramref name="from"/> on,
    /// <paramref name="count"/> of them. Returns the sequence numbers among them that are new here.
    /// </summary>
    public List<long> Receive(long ack, long from, int count, TimeSpan now)
    {
        // The first word ever, or after a silence longer than the resend interval: most likely a healed
        // cut, so what is unconfirmed goes again at once rather than when the resend interval runs out.
        if (lastHeard is not { } heard || now - heard >= resendAfter) heardAfterSilence = true;
        lastHeard = now;
        // A confirmation beyond what was sent comes from an earlier life of this node; it cannot be trusted.
        ack = Math.Min(ack, sentUpTo);
        if (ack > Confirmed)
        {
            Confirmed = ack;
            lastProgress = now;
        }
        var fresh = new List<long>();
        for (var seq = from; seq < from + count; seq++)
        {
            if (seq <= Received || !receivedAhead.Add(seq)) continue;
            fresh.Add(seq);
        }
        while (receivedAhead.Remove(Received + 1)) Received++;
        // Entries we already hold mean the peer missed our confirmation: it is owed again.
        if (count > 0) ackOwed = true;
        return fresh;
    }
}
