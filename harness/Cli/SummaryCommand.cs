using System.Text.Json.Nodes;
using Glomers.Harness.Core;
using Glomers.Harness.Reports;

namespace Glomers.Harness.Cli;

/// <summary>
/// `glomers summary DIR`: the key figures of one stored run, from our results.json or from real
/// Maelstrom's results.edn, as one tab-separated line: verdict, msgs-per-op, median and max stable
/// latency (ms), availability. maelstrom-tests.sh builds its table from these lines.
/// </summary>
public static class SummaryCommand
{
    public static int Run(IReadOnlyList<string> args, TextWriter output)
    {
        if (args.Count != 1) throw new BenchException("summary takes one argument: a run folder (store/<workload>/<time> or store/latest)");
        var dir = args[0];
        var json = Path.Combine(dir, "results.json");
        var edn = Path.Combine(dir, "results.edn");
        JsonObject results;
        if (File.Exists(json)) results = JsonNode.Parse(File.ReadAllText(json)) as JsonObject ?? throw new BenchException($"{json} is not a JSON object");
        else if (File.Exists(edn)) results = Edn.Parse(File.ReadAllText(edn)) as JsonObject ?? throw new BenchException($"{edn} is not an EDN map");
        else throw new BenchException($"no results.json or results.edn in {dir}");
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
