using System.Text.Json.Nodes;
using Glomers.Broadcast.Sync;
using Glomers.Broadcast.Values;
using Glomers.NodeRuntime.Protocol;

namespace Glomers.Broadcast;

/// <summary>
/// The JSON shapes of the node-to-node messages: values as <c>[1,2,3]</c>, sets as ranges
/// <c>[[0,41],[43,50]]</c>. Reading checks every element and names the field at fault.
/// </summary>
public static class Wire
{
    public static JsonArray Values(IEnumerable<long> values)
    {
        var array = new JsonArray();
        // Cast to JsonNode: the generic Add<T> is not safe under trimming (Native AOT nodes).
        foreach (var v in values) array.Add((JsonNode)v);
        return array;
    }

    public static JsonArray Ranges(ValueSet set)
    {
        var array = new JsonArray();
        foreach (var r in set.Ranges) array.Add((JsonNode)new JsonArray(r.Lo, r.Hi));
        return array;
    }

    public static List<long> ReadValues(Message message, string key)
    {
        if (message.Required(key) is not JsonArray array)
            throw RpcException.Malformed($"{message.Type}: field '{key}' must be an array of integers");
        var values = new List<long>(array.Count);
        foreach (var item in array) values.Add(Integer(message, key, item));
        return values;
    }

    public static ValueSet ReadRanges(Message message, string key)
    {
        if (message.Required(key) is not JsonArray array)
            throw RpcException.Malformed($"{message.Type}: field '{key}' must be an array of [low, high] pairs");
        var ranges = new List<ValueRange>(array.Count);
        foreach (var item in array)
        {
            if (item is not JsonArray { Count: 2 } pair)
                throw RpcException.Malformed($"{message.Type}: field '{key}' holds {item?.ToJsonString() ?? "null"}, not a [low, high] pair");
            var range = new ValueRange(Integer(message, key, pair[0]), Integer(message, key, pair[1]));
            if (range.Lo > range.Hi)
                throw RpcException.Malformed($"{message.Type}: field '{key}' holds the empty range {pair.ToJsonString()}");
            ranges.Add(range);
        }
        return ValueSet.FromRanges(ranges);
    }

    /// <summary>The digest a gossip message carries in <c>have</c> and <c>recent</c>, or null for a plain push.</summary>
    /// <summary>A gossip's link number (the sender's incarnation tag and sequence), or null when it carries none.</summary>
    public static (long Incarnation, long Seq)? ReadLinkNumber(Message message) =>
        message.Body["inc"] is JsonValue i && i.TryGetValue(out long inc) && message.Body["seq"] is JsonValue q && q.TryGetValue(out long seq)
            ? (inc, seq)
            : null;

    public static Digest? ReadDigest(Message message) =>
        message.Body.ContainsKey("have") ? new Digest(ReadRanges(message, "have"), ReadRanges(message, "recent")) : null;

    private static long Integer(Message message, string key, JsonNode? item) =>
        item is JsonValue v && v.TryGetValue(out long n)
            ? n
            : throw RpcException.Malformed($"{message.Type}: field '{key}' holds {item?.ToJsonString() ?? "null"}, not an integer");
}
