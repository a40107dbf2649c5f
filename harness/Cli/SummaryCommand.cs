using System.Text.Json.Nodes;
using Glomers.Harness.Core;
using Glomers.Harness.Reports;

namespace Glomers.Harness.Cli;

/// <summary>
/// `glomers summary DIR`: the key figures of one stored run, from our results.json or from real
/// Maelstrom's results.edn, as a line of column names and one tab-separated line of values: verdict,
/// msgs-per-op, median and max stable latency (ms), availability. With --no-header only the values,
/// which is how maelstrom-tests.sh builds its table.
/// </summary>
public static class SummaryCommand
{
    /// <summary>The names of the columns of <see cref="Row"/>.</summary>
    public static readonly string Header = string.Join('\t', "verdict", "msgs-per-op", "latency-median", "latency-max", "availability");

    public static int Run(IReadOnlyList<string> args, TextWriter output)
    {
        var header = !args.Contains("--no-header");
        var rest = args.Where(a => a != "--no-header").ToList();
        if (rest.Count != 1 || rest[0].StartsWith("--", StringComparison.Ordinal))
            throw new BenchException("summary takes a run folder (store/<workload>/<time> or store/latest) and optionally --no-header");
        var dir = rest[0];
        var json = Path.Combine(dir, "results.json");
        var edn = Path.Combine(dir, "results.edn");
        JsonObject results;
        if (File.Exists(json)) results = JsonNode.Parse(File.ReadAllText(json)) as JsonObject ?? throw new BenchException($"{json} is not a JSON object");
        else if (File.Exists(edn)) results = Edn.Parse(File.ReadAllText(edn)) as JsonObject ?? throw new BenchException($"{edn} is not an EDN map");
        else throw new BenchException($"no results.json or results.edn in {dir}");
        if (header) output.WriteLine(Header);
        output.WriteLine(Row(results));
        return 0;
    }

    public static string Row(JsonObject results)
    {
        var verdict = results["valid?"] switch
        {
            JsonValue v when v.TryGetValue(out bool b) => b ? "valid" : "INVALID",
            _ => "unknown",
        };
        var msgs = results["net"]?["servers"]?["msgs-per-op"];
        var latencies = results["workload"]?["stable-latencies"];
        var availability = results["availability"]?["ok-fraction"];
        return string.Join('\t', verdict, Format(msgs), Format(latencies?["0.5"]), Format(latencies?["1"]), Format(availability));
    }

    private static string Format(JsonNode? node) => Summary.FormatNumber(node) ?? "-";
}
