using System.Text.Json;
using Glomers.Harness.History;

namespace Glomers.Harness.Network;

/// <summary>
/// Reads back the messages.jsonl that <see cref="MessageLog"/> writes, as the network journal the
/// run's checkers saw: one event per send and per receive (drops are not in the journal). A receive
/// line has no body; it takes the message type from its send.
/// </summary>
public static class MessageLogFile
{
    public static IReadOnlyList<NetEvent> Read(string path)
    {
        var events = new List<NetEvent>();
        var types = new Dictionary<long, string>();
        var lineNumber = 0;
        try
        {
            using var reader = new StreamReader(path);
            while (reader.ReadLine() is { } line)
            {
                lineNumber++;
                if (string.IsNullOrWhiteSpace(line)) continue;
                if (Event(line, types) is { } e) events.Add(e);
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            throw new HistoryFormatException(path, lineNumber, $"not a message log line: {e.Message}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new HistoryFormatException(path, null, e.Message);
        }
        return events;
    }

    private static NetEvent? Event(string line, Dictionary<long, string> types)
    {
        using var doc = JsonDocument.Parse(line);
        var root = doc.RootElement;
        var time = root.GetProperty("time").GetInt64();
        var id = root.GetProperty("id").GetInt64();
        var src = root.GetProperty("src").GetString() ?? throw new FormatException("src is null");
        var dest = root.GetProperty("dest").GetString() ?? throw new FormatException("dest is null");
        switch (root.GetProperty("event").GetString())
        {
            case "send":
                var type = root.TryGetProperty("body", out var body) && body.ValueKind == JsonValueKind.Object
                    && body.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "";
                types[id] = type;
                return new NetEvent(time, true, id, src, dest, type);
            case "recv":
                return new NetEvent(time, false, id, src, dest, types.GetValueOrDefault(id, ""));
            case "drop":
                return null;
            case var other:
                throw new FormatException($"unknown event '{other}'");
        }
    }
}
