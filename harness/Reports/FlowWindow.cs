using System.Globalization;
using System.Text.Json;
using Glomers.Harness.Core;

namespace Glomers.Harness.Reports;

/// <summary>The span of a run, in seconds from its start, that the message flow and the timeline show.</summary>
public sealed record FlowWindow(double Start, double End)
{
    public static readonly FlowWindow Default = new(0, 2);

    /// <summary>
    /// Without --flow-window: the first 2 s of the main phase, from the history's first op (rounded
    /// down to 0.1 s). Before it the nodes were only started and initialised, which takes seconds of
    /// a busy machine's time in process mode.
    /// </summary>
    public static FlowWindow FirstSeconds(IReadOnlyList<History.Op> history)
    {
        var start = history.Count == 0 ? 0 : Math.Floor(history.Min(o => o.Time) / 1e8) / 10;
        return new FlowWindow(start, start + 2);
    }

    public long StartNs => (long)(Start * 1e9);
    public long EndNs => (long)(End * 1e9);

    /// <summary>"START-END" in seconds, such as 0-2 or 5.5-7.</summary>
    public static FlowWindow Parse(string text)
    {
        var dash = text.IndexOf('-', 1);
        if (dash > 0
            && double.TryParse(text[..dash], NumberStyles.Float, CultureInfo.InvariantCulture, out var a)
            && double.TryParse(text[(dash + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var b)
            && a >= 0 && b > a && double.IsFinite(b))
            return new FlowWindow(a, b);
        throw new BenchException($"--flow-window: '{text}' must be START-END in seconds with START < END, such as 0-2");
    }

    /// <summary>As --flow-window takes it: 0-2.</summary>
    public string Flag => $"{Start.ToString(CultureInfo.InvariantCulture)}-{End.ToString(CultureInfo.InvariantCulture)}";

    public override string ToString() => $"{Svg.Number(Start)}–{Svg.Number(End)} s";
}

/// <summary>One message of the flow diagram: sent in the window, received (or dropped) when it was.</summary>
public sealed record FlowMessage(long Id, string Src, string Dest, long Sent, long? Received, bool Dropped, string Type, string Body);

/// <summary>
/// The messages sent in a window, read from messages.jsonl with their bodies. The log is in time
/// order, so reading stops a little after the window: a 20 s run's log is not read whole for a 2 s window.
/// </summary>
public static class MessageWindow
{
    /// <summary>The most messages one diagram draws; past it the page says how many were left out.</summary>
    public const int MaxMessages = 4000;

    public const int MaxBodyChars = 400;

    /// <summary>How long after the window a receive is still looked for.</summary>
    private const long Grace = 3_000_000_000;

    public sealed record Result(IReadOnlyList<FlowMessage> Messages, int SentInWindow, string? Problem);

    public static Result Read(string path, FlowWindow window)
    {
        var messages = new List<FlowMessage>();
        var byId = new Dictionary<long, int>();
        var sent = 0;
        var lineNumber = 0;
        try
        {
            using var reader = new StreamReader(path);
            while (reader.ReadLine() is { } line)
            {
                lineNumber++;
                if (string.IsNullOrWhiteSpace(line)) continue;
                var time = LeadingTime(line);
                if (time is { } t && t < window.StartNs) continue;
                if (time > window.EndNs + Grace) break;
                using var doc = JsonDocument.Parse(line);
                var root = doc.RootElement;
                var at = root.GetProperty("time").GetInt64();
                var id = root.GetProperty("id").GetInt64();
                var ev = root.GetProperty("event").GetString();
                if (ev == "send" && at >= window.StartNs && at <= window.EndNs)
                {
                    sent++;
                    if (messages.Count >= MaxMessages) continue;
                    var body = root.TryGetProperty("body", out var b) ? b : default;
                    var type = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("type", out var ty) && ty.ValueKind == JsonValueKind.String ? ty.GetString()! : "";
                    var text = body.ValueKind == JsonValueKind.Undefined ? "" : body.GetRawText();
                    if (text.Length > MaxBodyChars) text = text[..MaxBodyChars] + "…";
                    byId[id] = messages.Count;
                    messages.Add(new FlowMessage(id, Str(root, "src"), Str(root, "dest"), at, null, false, type, text));
                }
                else if (ev is "recv" or "drop" && byId.Remove(id, out var i))
                {
                    messages[i] = ev == "recv" ? messages[i] with { Received = at } : messages[i] with { Dropped = true, Received = at };
                }
            }
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return new Result(messages, sent, $"messages.jsonl, line {lineNumber}: not a message log line ({e.Message}); the diagram stops there");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new Result(messages, sent, $"messages.jsonl: {e.Message}");
        }
        return new Result(messages, sent, null);
    }

    private static string Str(JsonElement root, string name) => root.GetProperty(name).GetString() ?? "";

    /// <summary>The time of a line as MessageLog writes it ({"time":N,...}) without parsing the rest; null for any other shape.</summary>
    private static long? LeadingTime(string line)
    {
        const string prefix = "{\"time\":";
        if (!line.StartsWith(prefix, StringComparison.Ordinal)) return null;
        var end = line.IndexOf(',', prefix.Length);
        return end > 0 && long.TryParse(line.AsSpan(prefix.Length, end - prefix.Length), NumberStyles.Integer, CultureInfo.InvariantCulture, out var t) ? t : null;
    }
}
