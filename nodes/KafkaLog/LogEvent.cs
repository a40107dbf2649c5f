using System.Text.Json.Nodes;

namespace Glomers.KafkaLog;

public enum LogEventKind
{
    /// <summary>A message of the writer's at an offset of the key.</summary>
    Message,

    /// <summary>The writer's slots of the key below a counter are final.</summary>
    Promise,

    /// <summary>A committed offset of the key (committed offsets only grow).</summary>
    Commit,
}

/// <summary>
/// One thing a node tells its peers, in the order it happened; on the wire a short array:
/// <c>["m", key, offset, msg]</c>, <c>["p", key, counter]</c>, <c>["c", key, offset]</c>.
/// </summary>
public readonly record struct LogEvent(LogEventKind Kind, string Key, long Number, JsonNode? Message = null)
{
    public static LogEvent Sent(string key, long offset, JsonNode? message) => new(LogEventKind.Message, key, offset, message);
    public static LogEvent Promised(string key, long counter) => new(LogEventKind.Promise, key, counter);
    public static LogEvent Committed(string key, long offset) => new(LogEventKind.Commit, key, offset);

    public JsonArray ToJson() => Kind switch
    {
        LogEventKind.Message => new JsonArray("m", Key, Number, Message?.DeepClone()),
        LogEventKind.Promise => new JsonArray("p", Key, Number),
        _ => new JsonArray("c", Key, Number),
    };

    public static bool TryParse(JsonNode? node, out LogEvent e, out string error)
    {
        e = default;
        error = "";
        if (node is not JsonArray { Count: >= 3 } a || a[0] is not JsonValue tag || !tag.TryGetValue(out string? kind)
            || a[1] is not JsonValue k || !k.TryGetValue(out string? key)
            || a[2] is not JsonValue n || !n.TryGetValue(out long number) || number < 0)
        {
            error = $"an event must be [kind, key, non-negative integer, ...], got {node?.ToJsonString() ?? "null"}";
            return false;
        }
        switch (kind)
        {
            case "m" when a.Count == 4:
                e = Sent(key, number, a[3]?.DeepClone());
                return true;
            case "p" when a.Count == 3:
                e = Promised(key, number);
                return true;
            case "c" when a.Count == 3:
                e = Committed(key, number);
                return true;
            default:
                error = $"unknown event {node.ToJsonString()}";
                return false;
        }
    }
}
