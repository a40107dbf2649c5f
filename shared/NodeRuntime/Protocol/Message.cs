using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace Glomers.NodeRuntime.Protocol;

/// <summary>
/// One Maelstrom message. The body stays raw JSON, so fields the runtime does not know survive;
/// typed access goes through the getters below or a source-generated <see cref="JsonTypeInfo{T}"/>.
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

    /// <summary>The whole body as a typed record, through a source-generated contract.</summary>
    public T BodyAs<T>(JsonTypeInfo<T> type)
    {
        try
        {
            return Body.Deserialize(type) ?? throw RpcException.Malformed($"{Type}: empty body");
        }
        catch (JsonException e)
        {
            throw RpcException.Malformed($"{Type}: {e.Message}");
        }
    }

    public override string ToString() => Envelope.Write(Src, Dest, Body);

    // A repeated key is refused while parsing; otherwise JsonObject would throw on first access.
    private static readonly JsonDocumentOptions StrictDocument = new() { AllowDuplicateProperties = false };

    /// <summary>Reads one line of the protocol, or says precisely why it is not a message.</summary>
    public static bool TryParse(string line, out Message message, out string error)
    {
        message = null!;
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(line, documentOptions: StrictDocument);
        }
        catch (JsonException e)
        {
            error = $"not JSON: {e.Message}";
            return false;
        }
        if (node is not JsonObject obj)
        {
            error = "not a JSON object";
            return false;
        }
        if (obj["src"] is not JsonValue src || !src.TryGetValue(out string? srcId))
        {
            error = "missing string field 'src'";
            return false;
        }
        if (obj["dest"] is not JsonValue dest || !dest.TryGetValue(out string? destId))
        {
            error = "missing string field 'dest'";
            return false;
        }
        if (obj["body"] is not JsonObject body)
        {
            error = "missing object field 'body'";
            return false;
        }
        if (body["type"] is not JsonValue type || !type.TryGetValue(out string? _))
        {
            error = "body lacks a string field 'type'";
            return false;
        }
        obj.Remove("body");
        message = new Message(srcId, destId, body);
        error = "";
        return true;
    }
}

/// <summary>Writes envelopes without touching the caller's body object, so one body can go to many peers.</summary>
public static class Envelope
{
    [ThreadStatic] private static ArrayBufferWriter<byte>? buffer;
    [ThreadStatic] private static Utf8JsonWriter? writer;

    public static string Write(string src, string dest, JsonObject body, long? msgId = null, long? inReplyTo = null)
    {
        var buf = buffer ??= new ArrayBufferWriter<byte>(512);
        buf.ResetWrittenCount();
        var w = writer ??= new Utf8JsonWriter(buf, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        w.Reset(buf);
        w.WriteStartObject();
        w.WriteString("src", src);
        w.WriteString("dest", dest);
        w.WritePropertyName("body");
        w.WriteStartObject();
        foreach (var (key, value) in body)
        {
            if ((msgId is not null && key == "msg_id") || (inReplyTo is not null && key == "in_reply_to"))
                continue;
            w.WritePropertyName(key);
            if (value is null) w.WriteNullValue();
            else value.WriteTo(w);
        }
        if (msgId is { } id) w.WriteNumber("msg_id", id);
        if (inReplyTo is { } r) w.WriteNumber("in_reply_to", r);
        w.WriteEndObject();
        w.WriteEndObject();
        w.Flush();
        return System.Text.Encoding.UTF8.GetString(buf.WrittenSpan);
    }
}
