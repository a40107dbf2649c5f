using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Glomers.Harness.Network;

/// <summary>
/// A message in flight on the simulated network, with the network's own id. When the sender's own
/// line is at hand (a node's, without an id), the line delivered is that line with the id put in
/// front, rather than a second serialization of the body.
/// </summary>
public sealed class Envelope
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonDocumentOptions Strict = new() { AllowDuplicateProperties = false, MaxDepth = 256 };
    private readonly string? written;
    private JsonObject? body;
    private string? line;

    public Envelope(long id, string src, string dest, JsonObject body, string? written = null)
    {
        Id = id;
        Src = src;
        Dest = dest;
        this.body = body;
        this.written = written;
        Type = body["type"] is JsonValue v && v.TryGetValue(out string? s) ? s : "";
    }

    /// <summary>A node's line, checked by <see cref="EnvelopeReader"/>: the body is parsed only if someone reads it.</summary>
    public Envelope(long id, string src, string dest, string type, string written)
    {
        Id = id;
        Src = src;
        Dest = dest;
        Type = type;
        this.written = written;
    }

    public long Id { get; }
    public string Src { get; }
    public string Dest { get; }
    public string Type { get; }

    public JsonObject Body => body ??= (JsonObject)((JsonObject)JsonNode.Parse(written!)!)["body"]!.DeepClone();

    /// <summary>The line the receiver reads: {"id":…,"src":…,"dest":…,"body":…}.</summary>
    public string Line => line ??= written is { Length: > 1 } w && w[0] == '{'
        ? string.Concat("{\"id\":", Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ",", w.AsSpan(1))
        : Serialize();

    private string Serialize()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteNumber("id", Id);
            w.WriteString("src", Src);
            w.WriteString("dest", Dest);
            w.WritePropertyName("body");
            Body.WriteTo(w);
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>
    /// Why a line is not one JSON value with each key once per object (the JSON a body may be read
    /// as later), or null. A repeated key would otherwise surface as an exception wherever the body is
    /// first read; here it is a malformed message, found when the line is sent.
    /// </summary>
    public static string? NotStrictJson(string text)
    {
        try
        {
            using var _ = JsonDocument.Parse(text, Strict);
            return null;
        }
        catch (JsonException e)
        {
            return $"not JSON ({e.Message})";
        }
    }

    /// <summary>
    /// Reads a line a node wrote. Maelstrom's schema is closed: exactly src, dest and body (an object
    /// with a string type), and optionally an integer id. Anything else is a malformed message.
    /// </summary>
    public static bool TryParse(string text, out string src, out string dest, out JsonObject body, out string error) =>
        TryParse(text, out src, out dest, out body, out _, out error);

    /// <param name="hasId">Whether the line carried a top-level id of its own.</param>
    public static bool TryParse(string text, out string src, out string dest, out JsonObject body, out bool hasId, out string error)
    {
        hasId = false;
        src = dest = "";
        body = null!;
        if (NotStrictJson(text) is { } bad)
        {
            error = bad;
            return false;
        }
        var node = JsonNode.Parse(text);
        if (node is not JsonObject o)
        {
            error = "not a JSON object";
            return false;
        }
        foreach (var (key, value) in o)
        {
            if (key is "src" or "dest" or "body") continue;
            if (key == "id" && value is JsonValue v && v.TryGetValue(out long _))
            {
                hasId = true;
                continue;
            }
            error = $"unexpected top-level key '{key}' (a message is exactly src, dest and body)";
            return false;
        }
        if (o["src"] is not JsonValue s || !s.TryGetValue(out string? srcId)) { error = "missing string 'src'"; return false; }
        if (o["dest"] is not JsonValue d || !d.TryGetValue(out string? destId)) { error = "missing string 'dest'"; return false; }
        if (o["body"] is not JsonObject b) { error = "missing object 'body'"; return false; }
        if (b["type"] is not JsonValue t || !t.TryGetValue(out string? _)) { error = "body has no string 'type'"; return false; }
        o.Remove("body");
        src = srcId;
        dest = destId;
        body = b;
        error = "";
        return true;
    }
}
