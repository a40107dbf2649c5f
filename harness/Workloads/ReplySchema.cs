using System.Text.Json.Nodes;

namespace Glomers.Harness.Workloads;

/// <summary>
/// Maelstrom's response schemas are closed maps: the reply type, in_reply_to (an integer), an
/// optional integer msg_id, and exactly the workload's fields, nothing else.
/// </summary>
public static class ReplySchema
{
    public static void Check(JsonObject reply, string type, params (string Key, Func<JsonNode?, bool> Valid, string Expected)[] fields)
    {
        if (reply["type"]?.GetValueKind() != System.Text.Json.JsonValueKind.String || (string)reply["type"]! != type)
            throw new MalformedReplyException($"expected type \"{type}\", got {Show(reply["type"])}");
        if (!IsInteger(reply["in_reply_to"]))
            throw new MalformedReplyException($"in_reply_to must be an integer, got {Show(reply["in_reply_to"])}");
        if (reply.ContainsKey("msg_id") && !IsInteger(reply["msg_id"]))
            throw new MalformedReplyException($"msg_id must be an integer, got {Show(reply["msg_id"])}");
        foreach (var (key, valid, expected) in fields)
        {
            if (!reply.ContainsKey(key)) throw new MalformedReplyException($"missing required key \"{key}\" ({expected})");
            if (!valid(reply[key])) throw new MalformedReplyException($"\"{key}\" must be {expected}, got {Show(reply[key])}");
        }
        foreach (var (key, _) in reply)
        {
            if (key is "type" or "in_reply_to" or "msg_id") continue;
            if (!fields.Any(f => f.Key == key)) throw new MalformedReplyException($"disallowed key \"{key}\"");
        }
    }

    public static bool Any(JsonNode? _) => true;

    public static bool IsInteger(JsonNode? node) => Checkers.JsonNumbers.TryGetInt64(node, out _);

    public static bool IsArray(JsonNode? node) => node is JsonArray;

    public static bool IsIntegerArray(JsonNode? node) => node is JsonArray a && a.All(IsInteger);

    private static string Show(JsonNode? node) => node?.ToJsonString() ?? "nothing";
}
