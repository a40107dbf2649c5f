using Glomers.Broadcast.Values;

namespace Glomers.Broadcast.Sync;

/// <summary>
/// The values this node sent each peer that the peer's digests have not shown yet. A value still
/// missing from the second digest the peer sent after it, and at least <c>lossAfter</c> old, was
/// lost on the way: the peer had time to get it and said twice that it has not. That is how a leaf
/// finds out that its values never reached the hub, even while the hub keeps talking. Sends older
/// than <c>forgetAfter</c> are dropped unjudged (a peer cut off for that long is repaired by rounds),
/// so a long partition does not make the record grow.
/// </summary>
public sealed class Unconfirmed(TimeSpan lossAfter, TimeSpan forgetAfter)
{
    private readonly Dictionary<string, List<Send>> byPeer = new(StringComparer.Ordinal);

    public void Sent(string peer, IReadOnlyList<long> values, DateTimeOffset now)
    {
        if (values.Count == 0) return;
        if (!byPeer.TryGetValue(peer, out var sends)) byPeer[peer] = sends = [];
        sends.RemoveAll(s => now - s.At >= forgetAfter);
        sends.Add(new Send(now, ValueSet.Of(values)));
    }

    /// <summary>True while some values sent to <paramref name="peer"/> have not shown in its digests.</summary>
    public bool Waiting(string peer) => byPeer.TryGetValue(peer, out var sends) && sends.Count > 0;

    /// <summary>Takes a digest from <paramref name="peer"/> and returns the values it proves lost (empty if none).</summary>
    public ValueSet Heard(string peer, ValueSet have, DateTimeOffset now)
    {
        if (!byPeer.TryGetValue(peer, out var sends)) return ValueSet.Empty;
        var lost = new ValueSet();
        for (var i = sends.Count - 1; i >= 0; i--)
        {
            var s = sends[i];
            var left = s.Values.Except(have);
            var digests = s.Digests + 1;
            if (left.IsEmpty || now - s.At >= forgetAfter)
            {
                sends.RemoveAt(i);
            }
            else if (digests >= 2 && now - s.At >= lossAfter)
            {
                foreach (var value in left.Values()) lost.Add(value);
                sends.RemoveAt(i);
            }
            else
            {
                sends[i] = new Send(s.At, left, digests);
            }
        }
        return lost;
    }

    private readonly record struct Send(DateTimeOffset At, ValueSet Values, int Digests = 0);
}
