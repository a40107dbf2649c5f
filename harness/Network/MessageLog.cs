namespace Glomers.Harness.Network;

/// <summary>
/// Writes messages.jsonl: one line per send, receive or drop, in the order they happened; and, with
/// --log-net-send / --log-net-recv, prints them as Maelstrom does.
/// </summary>
public sealed class MessageLog(TextWriter? writer, TextWriter? console = null, bool printSends = false, bool printReceives = false) : IDisposable
{
    public static MessageLog None { get; } = new(null);

    public void Sent(long time, Envelope m)
    {
        // The message's own line starts with its id, src, dest and body: the log line only adds time and event in front.
        if (writer is not null)
        {
            writer.Write("{\"time\":");
            writer.Write(time);
            writer.Write(",\"event\":\"send\",");
            writer.WriteLine(m.Line.AsSpan(1));
        }
        if (printSends) console?.WriteLine($"send {m.Line}");
    }

    public void Received(long time, Envelope m)
    {
        writer?.WriteLine($"{{\"time\":{time},\"event\":\"recv\",\"id\":{m.Id},\"src\":{Quote(m.Src)},\"dest\":{Quote(m.Dest)}}}");
        if (printReceives) console?.WriteLine($"recv {m.Line}");
    }

    public void Dropped(long time, Envelope m) =>
        writer?.WriteLine($"{{\"time\":{time},\"event\":\"drop\",\"id\":{m.Id},\"src\":{Quote(m.Src)},\"dest\":{Quote(m.Dest)}}}");

    private static string Quote(string s)
    {
        foreach (var c in s)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_' or '.')) return System.Text.Json.JsonSerializer.Serialize(s);
        }
        return "\"" + s + "\"";
    }

    public void Dispose() => writer?.Dispose();
}
