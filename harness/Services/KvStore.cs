using System.Collections.Immutable;
using System.Text.Json.Nodes;

namespace Glomers.Harness.Services;

/// <summary>
/// Maelstrom's persistent key-value map behind lin-kv and seq-kv: read, write and cas (with
/// create_if_not_exists), keys and values compared as Clojure data. Immutable: applying a request
/// returns a new store that shares structure with this one, so keeping old states is cheap.
/// </summary>
public sealed class KvStore
{
    public static readonly KvStore Empty = new(ImmutableDictionary<string, JsonNode?>.Empty);

    // Keyed by ClojureJson.KeyOf; values are detached copies that are never mutated.
    private readonly ImmutableDictionary<string, JsonNode?> entries;

    private KvStore(ImmutableDictionary<string, JsonNode?> entries) => this.entries = entries;

    public int Count => entries.Count;

    /// <summary>Applies one request, or returns null for a type Maelstrom's KV does not know.</summary>
    public ServiceStep<KvStore>? Handle(JsonObject body)
    {
        var key = ClojureJson.KeyOf(ServiceProtocol.Field(body, "key"));
        var exists = entries.TryGetValue(key, out var current);
        switch (ServiceProtocol.TypeOf(body))
        {
            case "read":
                return Unchanged(exists ? ServiceProtocol.ReadOk(current) : ServiceProtocol.KeyDoesNotExist());
            case "write":
                return Put(key, exists, current, ServiceProtocol.Detached(body, "value"), ServiceProtocol.WriteOk());
            case "cas":
                var from = ServiceProtocol.Field(body, "from");
                if (exists)
                {
                    return ClojureJson.Equal(from, current)
                        ? Put(key, exists, current, ServiceProtocol.Detached(body, "to"), ServiceProtocol.CasOk())
                        : Unchanged(ServiceProtocol.PreconditionFailed(
                            $"current value {ClojurePrinter.PrStr(current)} is not {ClojurePrinter.PrStr(from)}"));
                }
                return ClojureJson.IsTruthy(ServiceProtocol.Field(body, "create_if_not_exists"))
                    ? Put(key, exists, current, ServiceProtocol.Detached(body, "to"), ServiceProtocol.CasOk())
                    : Unchanged(ServiceProtocol.KeyDoesNotExist());
            default:
                return null;
        }
    }

    private ServiceStep<KvStore> Unchanged(JsonObject reply) => new(this, reply, Changed: false);

    // Maelstrom stores the new value even when it equals the old one; the map is then = to the old.
    private ServiceStep<KvStore> Put(string key, bool exists, JsonNode? current, JsonNode? value, JsonObject reply) =>
        new(new KvStore(entries.SetItem(key, value)), reply, Changed: !exists || !ClojureJson.Equal(current, value));
}
