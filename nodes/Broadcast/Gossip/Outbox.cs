namespace Glomers.Broadcast.Gossip;

/// <summary>
/// Values waiting to go to each destination until the next flush. Only new values enter it and a
/// flush empties it, so it never holds more than one batch period's worth.
/// </summary>
public sealed class Outbox
{
    private readonly Dictionary<string, List<long>> waiting = new(StringComparer.Ordinal);
    private readonly List<string> order = [];

    public bool IsEmpty => waiting.Values.All(v => v.Count == 0);

    public void Add(string destination, long value)
    {
        if (!waiting.TryGetValue(destination, out var values))
        {
            waiting[destination] = values = [];
            order.Add(destination);
        }
        values.Add(value);
    }

    /// <summary>Takes every non-empty batch, destinations in the order first seen, and empties the outbox.</summary>
    public IReadOnlyList<Batch> Drain()
    {
        var batches = new List<Batch>();
        foreach (var destination in order)
        {
            var values = waiting[destination];
            if (values.Count == 0) continue;
            batches.Add(new Batch(destination, [.. values]));
            values.Clear();
        }
        return batches;
    }
}

/// <summary>One message's worth of values for one destination.</summary>
public sealed record Batch(string Destination, IReadOnlyList<long> Values);
