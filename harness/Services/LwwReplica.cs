using System.Collections.Immutable;
using System.Text.Json.Nodes;

namespace Glomers.Harness.Services;

/// <summary>
/// One replica of Maelstrom's lww-kv: a Lamport clock and, per key, the value with the clock
/// reading of the write that set it. Replicas merge by keeping, per key, the higher timestamp.
/// Immutable. Unlike lin-kv, cas never creates a missing key, and the precondition text prints
/// the expected value with <c>str</c> rather than <c>pr-str</c>.
/// </summary>
public sealed class LwwReplica
{
    public static readonly LwwReplica Empty = new(0, ImmutableDictionary<string, StampedValue>.Empty);

    private readonly ImmutableDictionary<string, StampedValue> entries;

    private LwwReplica(long clock, ImmutableDictionary<string, StampedValue> entries)
    {
        Clock = clock;
        this.entries = entries;
    }

    /// <summary>A value and the replica clock when it was written.</summary>
    public sealed record StampedValue(long Timestamp, JsonNode? Value);

    /// <summary>The Lamport clock: the timestamp the next write gets.</summary>
    public long Clock { get; }

    /// <summary>The stamped value under a key, if any.</summary>
    public StampedValue? Find(JsonNode? key) => entries.GetValueOrDefault(ClojureJson.KeyOf(key));

    /// <summary>Applies one request, or returns null for a type the service does not know.</summary>
    public ServiceStep<LwwReplica>? Handle(JsonObject body)
    {
        var key = ClojureJson.KeyOf(ServiceProtocol.Field(body, "key"));
        var exists = entries.TryGetValue(key, out var current);
        switch (ServiceProtocol.TypeOf(body))
        {
            case "read":
                return Unchanged(exists ? ServiceProtocol.ReadOk(current!.Value) : ServiceProtocol.KeyDoesNotExist());
            case "write":
                return Stamp(key, ServiceProtocol.Detached(body, "value"), ServiceProtocol.WriteOk());
            case "cas":
                if (!exists) return Unchanged(ServiceProtocol.KeyDoesNotExist());
                var from = ServiceProtocol.Field(body, "from");
                return ClojureJson.Equal(from, current!.Value)
                    ? Stamp(key, ServiceProtocol.Detached(body, "to"), ServiceProtocol.CasOk())
                    : Unchanged(ServiceProtocol.PreconditionFailed(
                        $"current value {ClojurePrinter.PrStr(current.Value)} is not {ClojurePrinter.Str(from)}"));
            default:
                return null;
        }
    }

    /// <summary>
    /// Merges <paramref name="source"/> into <paramref name="destination"/>: the larger clock, and
    /// per key the value with the larger timestamp, the source's on a tie.
    /// </summary>
    public static LwwReplica Merge(LwwReplica source, LwwReplica destination)
    {
        if (ReferenceEquals(source, destination)) return source;
        var merged = destination.entries.ToBuilder();
        foreach (var (key, stamped) in source.entries)
        {
            if (!merged.TryGetValue(key, out var other) || stamped.Timestamp >= other.Timestamp)
                merged[key] = stamped;
        }
        return new LwwReplica(Math.Max(source.Clock, destination.Clock), merged.ToImmutable());
    }

    private ServiceStep<LwwReplica> Unchanged(JsonObject reply) => new(this, reply, Changed: false);

    private ServiceStep<LwwReplica> Stamp(string key, JsonNode? value, JsonObject reply) =>
        new(new LwwReplica(Clock + 1, entries.SetItem(key, new StampedValue(Clock, value))), reply, Changed: true);
}
