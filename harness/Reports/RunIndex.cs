using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Glomers.Harness.Reports;

/// <summary>One run of a store as the index lists it; <see cref="Path"/> is relative to the store, with '/'.</summary>
public sealed record RunEntry(string Path, string Workload, DateTimeOffset Time, string? Seed, string Verdict, double? MsgsPerOp, double? Availability, double? WallSeconds, bool HasReport);

/// <summary>
/// The runs of a store (ours or Maelstrom's: both keep store/&lt;workload&gt;/&lt;time&gt;/), with the figures
/// the index shows, newest first. Entries are cached by the results file's time, so a listing only
/// reads the runs that are new or changed.
/// </summary>
public sealed class RunIndex(string root)
{
    public const string RunInfoFile = "run.json";

    private readonly ConcurrentDictionary<string, (DateTime Stamp, RunEntry Entry)> cache = new();

    public string Root { get; } = System.IO.Path.GetFullPath(root);

    public IReadOnlyList<RunEntry> List()
    {
        var entries = new List<RunEntry>();
        if (!Directory.Exists(Root)) return entries;
        foreach (var workloadDir in SafeDirectories(Root))
        {
            foreach (var runDir in SafeDirectories(workloadDir))
            {
                var resultsPath = new[] { "results.json", "results.edn", "results.edn.gz" }.Select(n => System.IO.Path.Combine(runDir, n)).FirstOrDefault(File.Exists);
                var historyPresent = resultsPath is not null || Directory.EnumerateFiles(runDir, "history.*").Any();
                if (!historyPresent) continue;
                var stamp = resultsPath is null ? Directory.GetLastWriteTimeUtc(runDir) : File.GetLastWriteTimeUtc(resultsPath);
                var reportStamp = File.Exists(System.IO.Path.Combine(runDir, RunReport.FileName));
                if (cache.TryGetValue(runDir, out var c) && c.Stamp == stamp && c.Entry.HasReport == reportStamp)
                {
                    entries.Add(c.Entry);
                    continue;
                }
                var entry = Read(runDir, resultsPath);
                cache[runDir] = (stamp, entry);
                entries.Add(entry);
            }
        }
        return [.. entries.OrderByDescending(e => e.Time).ThenByDescending(e => e.Path, StringComparer.Ordinal)];
    }

    private RunEntry Read(string runDir, string? resultsPath)
    {
        var relative = System.IO.Path.GetRelativePath(Root, runDir).Replace('\\', '/');
        var workload = System.IO.Path.GetFileName(System.IO.Path.GetDirectoryName(runDir)) ?? "";
        var results = resultsPath is null ? null : RunFolder.ReadResults(resultsPath);
        string? seed = null;
        var optionsPath = System.IO.Path.Combine(runDir, "options.json");
        if (File.Exists(optionsPath))
        {
            try
            {
                var options = JsonNode.Parse(File.ReadAllText(optionsPath));
                seed = options?["seed"]?.ToJsonString();
                workload = options?["workload"]?.ToString() ?? workload;
            }
            catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
            {
                // A damaged options file leaves the seed unknown; the run is still listed.
            }
        }
        return new RunEntry(relative, workload, RunTime(runDir), seed,
            results is null ? "unknown" : Anomalies.Verdict(results["valid?"]),
            Number(results?["net"]?["servers"]?["msgs-per-op"]),
            Number(results?["availability"]?["ok-fraction"]),
            WallSeconds(runDir),
            File.Exists(System.IO.Path.Combine(runDir, RunReport.FileName)));
    }

    /// <summary>The run's wall time as the bench wrote it to run.json; null for older runs and Maelstrom's.</summary>
    public static double? WallSeconds(string runDir)
    {
        var path = System.IO.Path.Combine(runDir, RunInfoFile);
        if (!File.Exists(path)) return null;
        try
        {
            return Number(JsonNode.Parse(File.ReadAllText(path))?["wall-seconds"]);
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The time in the folder's name (ours: 20261201T152215.293, Maelstrom's: 20261201T152215.293Z), else its write time.</summary>
    public static DateTimeOffset RunTime(string runDir)
    {
        var name = System.IO.Path.GetFileName(runDir);
        var stamp = name.Length >= 19 ? name[..19] : name;
        return DateTime.TryParseExact(stamp, "yyyyMMdd'T'HHmmss.fff", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t)
            ? new DateTimeOffset(t, TimeSpan.Zero)
            : new DateTimeOffset(Directory.GetLastWriteTimeUtc(runDir), TimeSpan.Zero);
    }

    private static double? Number(JsonNode? node) =>
        Summary.FormatNumber(node) is not null && double.TryParse(node!.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;

    /// <summary>Sub-folders that are real folders: the "latest" links are skipped, so no run is listed twice.</summary>
    private static IEnumerable<string> SafeDirectories(string dir)
    {
        try
        {
            return [.. Directory.EnumerateDirectories(dir).Where(d => new DirectoryInfo(d).LinkTarget is null).Order(StringComparer.Ordinal)];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
