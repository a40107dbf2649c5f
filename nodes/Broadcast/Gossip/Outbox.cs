namespace Glomers.Broadcast.Gossip;

/// <summary>
/// Values waiting to go to each destination until the next flush, and destinations owed a message
/// even with no values (a peer that must hear this node's digest). Only new values and repairs enter
/// it and a flush empties it, so it never holds more than one batch period's worth.
/// </summary>
public sealed class Outbox
{
    private readonly Dictionary<string, Pending> waiting = new(StringComparer.Ordinal);
    private readonly List<string> order = [];

    public bool IsEmpty => waiting.Values.All(p => p.Values.Count == 0 && !p.Owed);

    /// <summary>Queues a value for a destination; a value already waiting for it is not queued twice.</summary>
    public void Add(string destination, long value)
    {
        var pending = For(destination);
        if (pending.Queued.Add(value)) pending.Values.Add(value);
    }

    /// <summary>
    /// Makes sure the next flush sends <paramref name="destination"/> a message, values or not, and
    /// marks it a repair: its values missed their overlay path, so the receiver passes them on.
    /// </summary>
    public void Owe(string destination) => For(destination).Owed = true;

    /// <summary>
    /// Like <see cref="Owe"/>, and asks the destination to answer with everything this node lacks,
    /// recent values too (this node knows it lost a message, or has nothing in flight towards it).
    /// </summary>
    public void Pull(string destination)
    {
        var pending = For(destination);
        pending.Owed = true;
        pending.Pull = true;
    }

    /// <summary>Takes every batch that has values or is owed, destinations in the order first seen, and empties the outbox.</summary>
    public IReadOnlyList<Batch> Drain()
    {
        var batches = new List<Batch>();
        foreach (var destination in order)
        {
            var pending = waiting[destination];
            if (pending.Values.Count == 0 && !pending.Owed) continue;
            batches.Add(new Batch(destination, [.. pending.Values], pending.Owed, pending.Pull));
            pending.Values.Clear();
            pending.Queued.Clear();
            pending.Owed = false;
            pending.Pull = false;
        }
        return batches;
    }

    private Pending For(string destination)
    {
        if (!waiting.TryGetValue(destination, out var pending))
        {
            waiting[destination] = pending = new Pending();
            order.Add(destination);
        }
        return pending;
    }

    private sealed class Pending
    {
        public List<long> Values { get; } = [];
        public HashSet<long> Queued { get; } = [];
        public bool Owed { get; set; }
        public bool Pull { get; set; }
    }
}

/// <summary>
/// One message's worth of values for one destination; <paramref name="Repair"/> when it answers a
/// digest, <paramref name="Pull"/> when it asks for everything this node lacks.
/// </summary>
public sealed record Batch(string Destination, IReadOnlyList<long> Values, bool Repair = false, bool Pull = false);
