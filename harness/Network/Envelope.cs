using System.Text.Json.Nodes;
using Glomers.NodeRuntime.Protocol;

namespace Glomers.Harness.Network;

/// <summary>
/// A message in flight on the simulated network, with the network's own id. When the sender's own
/// line is at hand (a node's, without an id), the line delivered is that line with the id put in
/// front, rather than a second serialization of the body.
/// </summary>
public sealed class Envelope
{
    private readonly string? written;
    private readonly string? source;
    private JsonObject? body;
    private string? line;

    public Envelope(long id, string src, string dest, JsonObject body)
    {
        Id = id;
        Src = src;
        Dest = dest;
        this.body = body;
        Type = body["type"] is JsonValue v && v.TryGetValue(out string? s) ? s : "";
    }

    /// <summary>A node's line, checked by <see cref="EnvelopeCodec.TryReadHeader(string, EnvelopeSchema, out EnvelopeHeader, out string)"/>: the body is parsed only if someone reads it.</summary>
    public Envelope(long id, EnvelopeHeader header, string written)
    {
        Id = id;
        Src = header.Src;
        Dest = header.Dest;
        Type = header.Type;
        // A line with an id of its own is delivered with the network's instead, so it is written anew.
        this.written = header.Id is null ? written : null;
        source = written;
    }

    public long Id { get; }
    public string Src { get; }
    public string Dest { get; }
    public string Type { get; }

    public JsonObject Body => body ??= ParseWritten();

    /// <summary>The line the receiver reads: {"id":…,"src":…,"dest":…,"body":…}.</summary>
    public string Line => line ??= written is not null
        ? string.Concat("{\"id\":", Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ",", written.AsSpan(1))
        : EnvelopeCodec.Write(Src, Dest, Body, id: Id);

    // The header check and the full parse accept the same lines, so this cannot fail on a line the network took.
    private JsonObject ParseWritten() =>
        EnvelopeCodec.TryParse(source!, EnvelopeSchema.Closed, out _, out _, out var parsed, out _, out var error)
            ? parsed
            : throw new InvalidOperationException($"the codec accepted a line its full parse refuses ({error}): {source}");
}
