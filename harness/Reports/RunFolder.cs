using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using Glomers.Harness.Core;
using Glomers.Harness.History;

namespace Glomers.Harness.Reports;

/// <summary>
/// What a run folder holds, as the report reads it: the results (our results.json or Maelstrom's
/// results.edn, gzipped or not), the options (options.json, ours only), the history (history.jsonl
/// or history.edn[.gz]) and, when there is one, the message log. Any of them may be missing: the
/// report shows what the files allow.
/// </summary>
public sealed record RunFolder(string Directory, JsonObject? Results, JsonObject? Options, IReadOnlyList<Op> History, string? HistoryFile)
{
    public string? MessagesPath => File.Exists(Path.Combine(Directory, "messages.jsonl")) ? Path.Combine(Directory, "messages.jsonl") : null;

    /// <summary>Problems met while reading (an unreadable file), shown on the page rather than thrown.</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    private static readonly string[] ResultNames = ["results.json", "results.edn", "results.edn.gz"];
    private static readonly string[] HistoryNames = ["history.jsonl", "history.edn", "history.edn.gz", "history.jsonl.gz"];

    /// <summary>Reads <paramref name="directory"/>; throws <see cref="BenchException"/> only when it is not a run folder at all.</summary>
    public static RunFolder Load(string directory)
    {
        if (!System.IO.Directory.Exists(directory)) throw new BenchException($"no such run folder '{directory}'");
        var problems = new List<string>();
        var results = ResultNames.Select(n => Path.Combine(directory, n)).FirstOrDefault(File.Exists) is { } r ? ReadResults(r, problems) : null;
        var options = ReadOptions(Path.Combine(directory, "options.json"), problems);
        var historyPath = HistoryNames.Select(n => Path.Combine(directory, n)).FirstOrDefault(File.Exists);
        IReadOnlyList<Op> history = [];
        if (historyPath is not null)
        {
            try
            {
                history = Glomers.Harness.History.HistoryFile.Read(historyPath);
            }
            catch (HistoryFormatException e)
            {
                problems.Add(e.Message);
            }
        }
        if (results is null && historyPath is null)
            throw new BenchException($"{directory} holds no results (results.json, results.edn) and no history (history.jsonl, history.edn): not a run folder");
        return new RunFolder(directory, results, options, history, historyPath is null ? null : Path.GetFileName(historyPath)) { Problems = problems };
    }

    /// <summary>The results of a run folder, or null when it has none or they cannot be read.</summary>
    public static JsonObject? ReadResults(string path, List<string>? problems = null)
    {
        try
        {
            var text = ReadText(path);
            var node = path.Contains(".edn", StringComparison.Ordinal) ? Edn.Parse(text) : JsonNode.Parse(text);
            if (node is JsonObject o) return o;
            problems?.Add($"{Path.GetFileName(path)} is not a map");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or JsonException or FormatException)
        {
            problems?.Add($"{Path.GetFileName(path)}: {e.Message}");
        }
        return null;
    }

    private static JsonObject? ReadOptions(string path, List<string> problems)
    {
        if (!File.Exists(path)) return null;
        try
        {
            return JsonNode.Parse(File.ReadAllText(path)) as JsonObject;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            problems.Add($"options.json: {e.Message}");
            return null;
        }
    }

    private static string ReadText(string path)
    {
        using var file = File.OpenRead(path);
        var gzipped = file.ReadByte() == 0x1f && file.ReadByte() == 0x8b;
        file.Position = 0;
        using var stream = gzipped ? new GZipStream(file, CompressionMode.Decompress) : (Stream)file;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
