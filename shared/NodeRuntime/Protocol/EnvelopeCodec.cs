using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;

namespace Glomers.NodeRuntime.Protocol;

/// <summary>Which top-level keys an envelope may carry besides src, dest and body.</summary>
public enum EnvelopeSchema
{
    /// <summary>Any others, ignored: what a node reads (Maelstrom's network adds its own id).</summary>
    Open,

    /// <summary>None but an integer id: what the bench holds a node's line to, as Maelstrom does.</summary>
    Closed,
}

/// <summary>An envelope's addressing and its body's type, read without building the body.</summary>
public readonly record struct EnvelopeHeader(string Src, string Dest, string Type, long? Id);

/// <summary>
/// The one codec for Maelstrom envelopes, one JSON object per line. Both readers hold a line to the
/// same rules: one JSON value, nested at most <see cref="MaxDepth"/> deep, no key twice in an
/// object, every string valid Unicode, and an object with a string src, a string dest and an object
/// body with a string type. <see cref="TryParse(string, EnvelopeSchema, out string, out string, out JsonObject, out long?, out string)"/>
/// builds the body; <see cref="TryReadHeader(string, EnvelopeSchema, out EnvelopeHeader, out string)"/>
/// only checks it, for lines that are passed on unread. They are written apart and must agree on
/// every line: a line the header check accepts can be parsed later without an exception.
/// </summary>
public static class EnvelopeCodec
{
    public const int MaxDepth = 256;

    private static readonly JsonDocumentOptions StrictDocument = new() { AllowDuplicateProperties = false, MaxDepth = MaxDepth };
    private static readonly JsonReaderOptions StrictReader = new() { MaxDepth = MaxDepth };

    // ---- The full parse: a JsonNode tree, then the envelope's fields. ----

    /// <summary>Reads one line into its fields and body, or says why it is not an envelope.</summary>
    public static bool TryParse(string line, EnvelopeSchema schema, out string src, out string dest, out JsonObject body, out long? id, out string error)
    {
        src = dest = "";
        body = null!;
        id = null;
        byte[]? rented = null;
        try
        {
            if (!TryEncode(line, ref rented, out var length, out error)) return false;
            return TryParse(rented.AsSpan(0, length), schema, out src, out dest, out body, out id, out error);
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }

    public static bool TryParse(ReadOnlySpan<byte> utf8, EnvelopeSchema schema, out string src, out string dest, out JsonObject body, out long? id, out string error)
    {
        src = dest = "";
        body = null!;
        id = null;
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(utf8, documentOptions: StrictDocument);
            if (MayHoldBadStrings(utf8)) CheckStrings(root);
        }
        catch (JsonException e)
        {
            error = $"not JSON: {e.Message}";
            return false;
        }
        catch (InvalidOperationException)
        {
            error = "not JSON: a string is not valid UTF-8 or has an unpaired surrogate";
            return false;
        }
        if (root is not JsonObject o)
        {
            error = "not a JSON object";
            return false;
        }
        foreach (var (key, value) in o)
        {
            if (key is "src" or "dest" or "body") continue;
            if (key == "id" && value is JsonValue v && v.TryGetValue(out long n))
            {
                id = n;
                continue;
            }
            if (schema == EnvelopeSchema.Closed)
            {
                error = UnexpectedKey(key);
                return false;
            }
        }
        if (o["src"] is not JsonValue s || !s.TryGetValue(out string? srcId)) { error = Missing("src"); return false; }
        if (o["dest"] is not JsonValue d || !d.TryGetValue(out string? destId)) { error = Missing("dest"); return false; }
        if (o["body"] is not JsonObject b) { error = MissingBody; return false; }
        if (b["type"] is not JsonValue t || !t.TryGetValue(out string? _)) { error = MissingType; return false; }
        o.Remove("body");
        (src, dest, body, error) = (srcId, destId, b, "");
        return true;
    }

    // Only bytes above ASCII or a \u escape (an unpaired surrogate) can make a string invalid; most lines have neither.
    private static bool MayHoldBadStrings(ReadOnlySpan<byte> utf8) => !Ascii.IsValid(utf8) || utf8.IndexOf("\\u"u8) >= 0;

    // Reads every key and string once: JsonNode would otherwise throw on the first read of a bad one.
    private static void CheckStrings(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (_, value) in o) CheckStrings(value);
                break;
            case JsonArray a:
                foreach (var item in a) CheckStrings(item);
                break;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                _ = v.GetValue<string>();
                break;
        }
    }

    // ---- The header check: one pass of a reader over the line, nothing built. ----

    /// <summary>Checks one line by the rules of the full parse and reads its header, without building the body.</summary>
    public static bool TryReadHeader(string line, EnvelopeSchema schema, out EnvelopeHeader header, out string error)
    {
        header = default;
        byte[]? rented = null;
        try
        {
            if (!TryEncode(line, ref rented, out var length, out error)) return false;
            return TryReadHeader(rented.AsSpan(0, length), schema, out header, out error);
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }

    public static bool TryReadHeader(ReadOnlySpan<byte> utf8, EnvelopeSchema schema, out EnvelopeHeader header, out string error)
    {
        header = default;
        string? src = null, dest = null, type = null, unexpected = null;
        long? id = null;
        var body = false;
        try
        {
            var reader = new Utf8JsonReader(utf8, isFinalBlock: true, new JsonReaderState(StrictReader));
            if (!reader.Read()) throw new LineException("the line is empty");
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                SkipValue(ref reader);
                EndOfLine(ref reader);
                error = "not a JSON object";
                return false;
            }
            var keys = new KeySet();
            // Shape errors wait for the end of the line: a line that is not JSON is reported as such.
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var key = ReadString(ref reader);
                keys.Add(key);
                reader.Read();
                switch (key)
                {
                    case "src" when reader.TokenType == JsonTokenType.String:
                        src = ReadString(ref reader);
                        break;
                    case "dest" when reader.TokenType == JsonTokenType.String:
                        dest = ReadString(ref reader);
                        break;
                    case "body" when reader.TokenType == JsonTokenType.StartObject:
                        body = true;
                        type = ReadBody(ref reader);
                        break;
                    case "id" when reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var n):
                        id = n;
                        break;
                    default:
                        // A src, dest or body of the wrong type is missing; an id that is no integer is unexpected.
                        if (key is not ("src" or "dest" or "body")) unexpected ??= key;
                        SkipValue(ref reader);
                        break;
                }
            }
            EndOfLine(ref reader);
        }
        catch (Exception e) when (e is JsonException or LineException)
        {
            error = $"not JSON: {e.Message}";
            return false;
        }
        error = schema == EnvelopeSchema.Closed && unexpected is not null ? UnexpectedKey(unexpected)
            : src is null ? Missing("src")
            : dest is null ? Missing("dest")
            : !body ? MissingBody
            : type is null ? MissingType
            : "";
        if (error.Length > 0) return false;
        header = new EnvelopeHeader(src!, dest!, type!, id);
        return true;
    }

    // Reads the body through its end; returns its string type, or null.
    private static string? ReadBody(ref Utf8JsonReader reader)
    {
        string? type = null;
        var keys = new KeySet();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = ReadString(ref reader);
            keys.Add(key);
            reader.Read();
            if (key == "type" && reader.TokenType == JsonTokenType.String) type = ReadString(ref reader);
            else SkipValue(ref reader);
        }
        return type;
    }

    // Walks a value to its last token, checking keys and strings on the way.
    private static void SkipValue(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                CheckString(ref reader);
                break;
            case JsonTokenType.StartArray:
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray) SkipValue(ref reader);
                break;
            case JsonTokenType.StartObject:
                var keys = new KeySet();
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    keys.Add(ReadString(ref reader));
                    reader.Read();
                    SkipValue(ref reader);
                }
                break;
        }
    }

    // One value per line: anything after it but whitespace is an error of the reader.
    private static void EndOfLine(ref Utf8JsonReader reader)
    {
        if (reader.Read()) throw new LineException("more than one JSON value");
    }

    private static void CheckString(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped) _ = ReadString(ref reader);
        else if (!Utf8.IsValid(reader.ValueSpan)) throw InvalidString();
    }

    private static string ReadString(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw InvalidString();
        }
    }

    private static LineException InvalidString() => new("a string is not valid UTF-8 or has an unpaired surrogate");

    /// <summary>The keys of one object, refusing a second of any, as the full parse does.</summary>
    private struct KeySet
    {
        private string? first;
        private HashSet<string>? more;

        public void Add(string key)
        {
            if (first is null)
            {
                first = key;
                return;
            }
            more ??= new HashSet<string>(StringComparer.Ordinal) { first };
            if (!more.Add(key)) throw new LineException($"the key '{key}' appears twice in one object");
        }
    }

    private sealed class LineException(string message) : Exception(message);

    // ---- Text ----

    // A .NET string with an unpaired surrogate has no UTF-8 form; the readers would throw on it.
    private static bool TryEncode(string line, ref byte[]? rented, out int length, out string error)
    {
        rented = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(line.Length));
        if (Utf8.FromUtf16(line, rented, out _, out length, replaceInvalidSequences: false) != OperationStatus.Done)
        {
            error = "not JSON: the line has an unpaired surrogate";
            return false;
        }
        error = "";
        return true;
    }

    private static string Missing(string field) => $"missing string field '{field}'";

    private const string MissingBody = "missing object field 'body'";

    private const string MissingType = "body lacks a string field 'type'";

    private static string UnexpectedKey(string key) =>
        $"unexpected top-level key '{key}' (a message is exactly src, dest and body, and may carry an integer id)";

    // ---- The writer ----

    [ThreadStatic] private static ArrayBufferWriter<byte>? buffer;
    [ThreadStatic] private static Utf8JsonWriter? writer;

    /// <summary>
    /// Writes an envelope without touching the caller's body, so one body can go to many peers:
    /// <paramref name="msgId"/> and <paramref name="inReplyTo"/>, when given, replace the body's own.
    /// <paramref name="id"/> is the network's id, written first as Maelstrom does.
    /// </summary>
    public static string Write(string src, string dest, JsonObject body, long? msgId = null, long? inReplyTo = null, long? id = null)
    {
        var buf = buffer ??= new ArrayBufferWriter<byte>(512);
        buf.ResetWrittenCount();
        var w = writer ??= new Utf8JsonWriter(buf, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        w.Reset(buf);
        w.WriteStartObject();
        if (id is { } networkId) w.WriteNumber("id", networkId);
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
        if (msgId is { } m) w.WriteNumber("msg_id", m);
        if (inReplyTo is { } r) w.WriteNumber("in_reply_to", r);
        w.WriteEndObject();
        w.WriteEndObject();
        w.Flush();
        return Encoding.UTF8.GetString(buf.WrittenSpan);
    }
}
