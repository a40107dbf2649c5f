using System.Text;

namespace Glomers.Harness.Network;

/// <summary>Writes messages.jsonl: one line per send, receive or drop, in the order they happened.</summary>
public sealed class MessageLog(TextWriter? writer) : IDisposable
{
    public static MessageLog None { get; } = new(null);

    public void Sent(long time, Envelope m) =>
        writer?.WriteLine($"{{\"time\":{time},\"event\":\"send\",\"id\":{m.Id},\"src\":{Quote(m.Src)},\"dest\":{Quote(m.Dest)},\"body\":{m.Body.ToJsonString()}}}");

    public void Received(long time, Envelope m) =>
        writer?.WriteLine($"{{\"time\":{time},\"event\":\"recv\",\"id\":{m.Id},\"src\":{Quote(m.Src)},\"dest\":{Quote(m.Dest)}}}");

    public void Dropped(long time, Envelope m) =>
        writer?.WriteLine($"{{\"time\":{time},\"event\":\"drop\",\"id\":{m.Id},\"src\":{Quote(m.Src)},\"dest\":{Quote(m.Dest)}}}");

    private static string Quote(string s) => System.Text.Json.JsonSerializer.Serialize(s);

    public void Dispose() => writer?.Dispose();
}
