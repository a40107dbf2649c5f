using System.Text.Json.Nodes;

namespace Glomers.NodeRuntime.Protocol;

/// <summary>
/// One Maelstrom message. The body stays raw JSON, so fields the runtime does not know survive;
/// fields are read through the getters below, which answer a missing or mistyped one as malformed.
/// </summary>
public sealed class Message(string src, string dest, JsonObject body)
{
    public string Src { get; } = src;
    public string Dest { get; } = dest;
    public JsonObject Body { get; } = body;

    public string Type => Body["type"] is JsonValue v && v.TryGetValue(out string? s) ? s : "";
    public long? MsgId => OptionalInt64("msg_id");
    public long? InReplyTo => OptionalInt64("in_reply_to");
    public bool IsError => Type == "error";

    /// <summary>The body field, or a malformed-request error naming it.</summary>
    public JsonNode Required(string key) =>
        Body[key] ?? throw RpcException.Malformed($"{Type}: missing field '{key}'");

    public long GetInt64(string key) => Required(key) is JsonValue v && v.TryGetValue(out long n)
        ? n
        : throw RpcException.Malformed($"{Type}: field '{key}' must be an integer, got {Body[key]?.ToJsonString()}");

    public string GetString(string key) => Required(key) is JsonValue v && v.TryGetValue(out string? s)
        ? s
        : throw RpcException.Malformed($"{Type}: field '{key}' must be a string, got {Body[key]?.ToJsonString()}");

    public long? OptionalInt64(string key) =>
        Body[key] is JsonValue v && v.TryGetValue(out long n) ? n : null;

    public override string ToString() => EnvelopeCodec.Write(Src, Dest, Body);

    /// <summary>Reads one line of the protocol, or says precisely why it is not a message.</summary>
    public static bool TryParse(string line, out Message message, out string error)
    {
        var ok = EnvelopeCodec.TryParse(line, EnvelopeSchema.Open, out var src, out var dest, out var body, out _, out error);
        message = ok ? new Message(src, dest, body) : null!;
        return ok;
    }
}
