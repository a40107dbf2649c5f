using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Glomers.Harness.Checkers;
using Glomers.Harness.Reports;

namespace Glomers.Harness.History;

/// <summary>
/// Reads a recorded history: Maelstrom's history.edn (gzipped or not), or the bench's history.jsonl
/// as <see cref="RunStore"/> writes it. Both hold one op map per line with Jepsen's keys, so both
/// become the same JSON object (EDN by the rule of <see cref="Edn"/>) and then the same <see cref="Op"/>.
/// Keys the bench does not model (kafka's :unseen, for example) are ignored.
/// </summary>
public static class HistoryFile
{
    private enum Format { Edn, Json }

    /// <summary>The ops of the file in order. Throws <see cref="HistoryFormatException"/> naming the file and line of the first bad one.</summary>
    public static IReadOnlyList<Op> Read(string path)
    {
        try
        {
            using var stream = Open(path);
            using var reader = new StreamReader(stream, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, 1 << 16);
            return Read(reader, path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            throw new HistoryFormatException(path, null, e is FileNotFoundException or DirectoryNotFoundException ? "no such file" : e.Message);
        }
    }

    /// <summary>The ops of a history's text; <paramref name="name"/> names it in errors.</summary>
    public static IReadOnlyList<Op> Read(TextReader reader, string name)
    {
        var ops = new List<Op>();
        Format? format = null;
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            format ??= Sniff(line);
            JsonNode? node;
            try
            {
                node = format == Format.Json ? JsonNode.Parse(line) : Edn.ParseSingle(line);
            }
            catch (Exception e) when (e is FormatException or JsonException)
            {
                throw new HistoryFormatException(name, lineNumber, $"not {(format == Format.Json ? "JSON" : "EDN")}: {e.Message}");
            }
            if (node is not JsonObject map)
                throw new HistoryFormatException(name, lineNumber, "an op must be a map of :index, :time, :type, :process, :f, :value");
            try
            {
                ops.Add(ToOp(map, ops.Count, reason => new HistoryFormatException(name, lineNumber, reason)));
            }
            catch (ArgumentException e)
            {
                // System.Text.Json refuses a map with the same key twice when it is first read.
                throw new HistoryFormatException(name, lineNumber, e.Message);
            }
        }
        return ops;
    }

    /// <summary>An op from its map, with Jepsen's keys (its value is moved, not copied); <paramref name="ordinal"/> stands in for a missing :index.</summary>
    private static Op ToOp(JsonObject map, long ordinal, Func<string, Exception> bad)
    {
        var index = map["index"] is { } ix ? Integer(ix, "index", bad) : ordinal;
        var time = Integer(map["time"] ?? throw bad("no :time"), "time", bad);
        var type = Text(map["type"], "type", bad) switch
        {
            "invoke" => OpType.Invoke,
            "ok" => OpType.Ok,
            "fail" => OpType.Fail,
            "info" => OpType.Info,
            var t => throw bad($":type {t} is not one of invoke, ok, fail, info"),
        };
        var process = map["process"] switch
        {
            JsonValue v when v.GetValueKind() == JsonValueKind.String && v.GetValue<string>() == "nemesis" => Op.NemesisProcess,
            JsonValue v when JsonNumbers.TryGetInt64(v, out var p) && p is >= 0 and <= int.MaxValue => (int)p,
            null => throw bad("no :process"),
            var p => throw bad($":process {p.ToJsonString()} is neither a client number nor nemesis"),
        };
        var f = Text(map["f"], "f", bad);
        // Taken out of the map rather than copied: the map is not used again.
        map.TryGetPropertyValue("value", out var value);
        map.Remove("value");
        return new Op(index, time, type, process, f, value)
        {
            Error = map["error"] is { } e ? ErrorText(e) : null,
            Final = map["final?"] is JsonValue fv && fv.GetValueKind() == JsonValueKind.True,
            Node = map["node"] is JsonValue nv && nv.GetValueKind() == JsonValueKind.String ? nv.GetValue<string>() : null,
        };
    }

    /// <summary>
    /// An error as the bench writes it: Maelstrom's [:key-does-not-exist "no such key"] becomes
    /// "[key-does-not-exist, no such key]", :net-timeout becomes "net-timeout".
    /// </summary>
    public static string ErrorText(JsonNode error) => error switch
    {
        JsonArray parts => $"[{string.Join(", ", parts.Select(p => p is null ? "nil" : p is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : p.ToJsonString()))}]",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => error.ToJsonString(),
    };

    /// <summary>
    /// The name a copy of the file goes by in a run folder: history.jsonl or history.edn by its
    /// content, with .gz when it is gzipped. Throws <see cref="HistoryFormatException"/> when unreadable.
    /// </summary>
    public static string StoredName(string path)
    {
        try
        {
            using var stream = Open(path, out var gzipped);
            using var reader = new StreamReader(stream);
            string? line;
            do line = reader.ReadLine(); while (line is not null && string.IsNullOrWhiteSpace(line));
            var name = line is not null && Sniff(line) == Format.Json ? "history.jsonl" : "history.edn";
            return gzipped ? name + ".gz" : name;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            throw new HistoryFormatException(path, null, e is FileNotFoundException or DirectoryNotFoundException ? "no such file" : e.Message);
        }
    }

    private static Stream Open(string path) => Open(path, out _);

    private static Stream Open(string path, out bool gzipped)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        // Gzip by its magic number, whatever the name says.
        var b1 = file.ReadByte();
        var b2 = file.ReadByte();
        file.Position = 0;
        gzipped = b1 == 0x1f && b2 == 0x8b;
        return gzipped ? new GZipStream(file, CompressionMode.Decompress) : file;
    }

    // {"index": ...} is the bench's JSON; {:index ...} is Maelstrom's EDN.
    private static Format Sniff(string line)
    {
        var t = line.AsSpan().TrimStart();
        if (t.Length > 1 && t[0] == '{') t = t[1..].TrimStart();
        return t.Length > 0 && t[0] == '"' ? Format.Json : Format.Edn;
    }

    private static long Integer(JsonNode node, string key, Func<string, Exception> bad) =>
        JsonNumbers.TryGetInt64(node, out var n) ? n : throw bad($":{key} {node.ToJsonString()} is not an integer");

    private static string Text(JsonNode? node, string key, Func<string, Exception> bad) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : throw bad(node is null ? $"no :{key}" : $":{key} {node.ToJsonString()} is not a keyword");
}
