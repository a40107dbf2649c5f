using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Glomers.Harness.Cli;
using Glomers.Harness.History;

namespace Glomers.Harness.Reports;

/// <summary>
/// One run's folder, store/&lt;workload&gt;/&lt;timestamp&gt;/, laid out as Maelstrom lays its own:
/// results.json, history.jsonl, messages.jsonl, node-logs/, plus the options used; store/latest
/// and store/&lt;workload&gt;/latest point at the newest run.
/// </summary>
public sealed class RunStore
{
    private static readonly JsonSerializerOptions Pretty = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private RunStore(string root, string directory)
    {
        Root = root;
        Directory = directory;
    }

    public string Root { get; }
    public string Directory { get; }
    public string NodeLogs => Path.Combine(Directory, "node-logs");

    private static readonly object Creating = new();

    public static RunStore Create(TestOptions options, DateTimeOffset now)
    {
        // A sweep creates runs from several threads: the name check and the creation go together.
        lock (Creating) return CreateUnique(options, now);
    }

    private static RunStore CreateUnique(TestOptions options, DateTimeOffset now)
    {
        var stamp = now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss.fff", CultureInfo.InvariantCulture);
        var dir = Path.Combine(options.StoreRoot, options.Workload, stamp);
        for (var i = 1; System.IO.Directory.Exists(dir); i++) dir = Path.Combine(options.StoreRoot, options.Workload, $"{stamp}-{i}");
        System.IO.Directory.CreateDirectory(dir);
        System.IO.Directory.CreateDirectory(Path.Combine(dir, "node-logs"));
        return new RunStore(options.StoreRoot, dir);
    }

    public TextWriter OpenMessages() =>
        new StreamWriter(Path.Combine(Directory, "messages.jsonl"), append: false, new System.Text.UTF8Encoding(false), 1 << 16);

    public void WriteHistory(IReadOnlyList<Op> history)
    {
        using var w = new StreamWriter(Path.Combine(Directory, "history.jsonl"), append: false, new System.Text.UTF8Encoding(false), 1 << 16);
        foreach (var op in history) w.WriteLine(op.ToJson().ToJsonString());
    }

    /// <summary>A recorded history kept as it was given, under <paramref name="name"/> (history.jsonl, history.edn.gz, ...).</summary>
    public void CopyHistory(string source, string name) => File.Copy(source, Path.Combine(Directory, name), overwrite: true);

    public void WriteResults(JsonObject results) =>
        File.WriteAllText(Path.Combine(Directory, "results.json"), results.ToJsonString(Pretty) + "\n");

    public void WriteOptions(TestOptions o) => File.WriteAllText(Path.Combine(Directory, "options.json"), new JsonObject
    {
        ["command"] = Cli.CommandText.Of(o),
        ["workload"] = o.Workload,
        ["bin"] = o.Bin,
        ["args"] = new JsonArray([.. o.BinArgs.Select(a => (JsonNode)JsonValue.Create(a))]),
        ["node-count"] = o.NodeCount,
        ["time-limit"] = o.TimeLimit,
        ["rate"] = o.Rate,
        ["concurrency"] = o.Concurrency,
        ["latency"] = o.LatencyMs,
        ["latency-dist"] = o.LatencyDist.ToString().ToLowerInvariant(),
        ["nemesis"] = new JsonArray([.. o.Nemesis.Order().Select(n => (JsonNode)JsonValue.Create(n))]),
        ["nemesis-interval"] = o.NemesisInterval,
        ["topology"] = o.Topology,
        ["availability"] = o.AvailabilityTotal ? "total" : o.Availability is { } a ? JsonValue.Create(a) : null,
        ["seed"] = o.Seed,
        ["mode"] = o.Mode.ToString().ToLowerInvariant(),
        ["recovery-time"] = o.RecoveryTime,
        ["probe-convergence-ms"] = o.ProbeConvergenceMs,
        ["busy"] = o.Busy,
        ["slow"] = new JsonObject { ["cost-ms"] = o.Slow.CostMs, ["stall-ms"] = o.Slow.StallMs, ["stalls-per-second-of-work"] = o.Slow.StallsPerSecond },
    }.ToJsonString(Pretty) + "\n");

    /// <summary>run.json: what is known only once the run is over (its wall time), for the index of `glomers serve`.</summary>
    public void WriteRunInfo(TimeSpan wall) =>
        File.WriteAllText(Path.Combine(Directory, RunIndex.RunInfoFile), new JsonObject { ["wall-seconds"] = Math.Round(wall.TotalSeconds, 3) }.ToJsonString(Pretty) + "\n");

    /// <summary>report.html from the run in memory; a report that cannot be built costs the run nothing: the reason is returned for the console.</summary>
    public string? WriteReport(JsonObject results, IReadOnlyList<Op> history, Reports.FlowWindow? window)
    {
        try
        {
            var options = File.Exists(Path.Combine(Directory, "options.json")) ? JsonNode.Parse(File.ReadAllText(Path.Combine(Directory, "options.json"))) as JsonObject : null;
            RunReport.Write(new RunFolder(Directory, results, options, history, "history.jsonl"), window);
            return null;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The run and its verdict stand whatever the page's trouble; `glomers report` can try again.
            return $"report.html not written: {e.GetType().Name}: {e.Message}";
        }
    }

    /// <summary>Points store/latest and store/&lt;workload&gt;/latest at this run (relative links).</summary>
    public void MarkLatest()
    {
        var workloadDir = Path.GetDirectoryName(Directory)!;
        Link(Path.Combine(Root, "latest"), Path.GetRelativePath(Root, Directory));
        Link(Path.Combine(workloadDir, "latest"), Path.GetFileName(Directory));
    }

    private static void Link(string link, string target)
    {
        try
        {
            if (File.Exists(link) || System.IO.Directory.Exists(link) || new FileInfo(link).LinkTarget is not null) File.Delete(link);
            File.CreateSymbolicLink(link, target);
        }
        catch (IOException)
        {
            // Another run replaced the link at the same moment; either one is the latest.
        }
        catch (UnauthorizedAccessException)
        {
            // No links on this file system: the run folder itself is still complete.
        }
    }
}
