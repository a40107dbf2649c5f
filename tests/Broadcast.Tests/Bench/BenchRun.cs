using System.Text.Json.Nodes;
using Glomers.Harness.Checkers;
using Glomers.Harness.Cli;

namespace Glomers.Broadcast.Tests.Bench;

/// <summary>
/// One run of the real bench in sim mode (in-process, virtual time: one seed gives one run) on the
/// Broadcast node built with these tests, and the figures the challenge bars are about.
/// </summary>
public sealed record BenchRun(Validity Valid, double MsgsPerOp, double MedianMs, double MaxMs, double ConvergeMs = double.NaN)
{
    public static BenchRun Broadcast(string benchFlags, string nodeArgs, int seed)
    {
        var store = Directory.CreateTempSubdirectory("broadcast-bench-");
        try
        {
            string[] args =
            [
                "-w", "broadcast", "--bin", Glomers.Tests.Shared.BuiltBinaries.Path("Broadcast"), "--mode", "sim", "--seed", seed.ToString(),
                "--store", store.FullName, .. Split(benchFlags), "--", .. Split(nodeArgs),
            ];
            var result = TestCommand.Execute(CommandLine.ParseTest(args), null);
            var latencies = result.Results["workload"]?["stable-latencies"] as JsonObject;
            return new BenchRun(
                result.Valid,
                Number(result.Results["net"]?["servers"]?["msgs-per-op"]),
                Number(latencies?["0.5"]),
                Number(latencies?["1"]),
                Number(result.Results["convergence"]?["ms"]));
        }
        finally
        {
            store.Delete(recursive: true);
        }
    }

    public override string ToString() => $"{Valid}: {MsgsPerOp:0.###} msgs-per-op, median {MedianMs} ms, max {MaxMs} ms, converged {ConvergeMs} ms after the heal";

    private static string[] Split(string flags) => flags.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    // Checkers hold numbers as float, double or long: read the JSON text. A missing figure reads as
    // NaN, which fails every bound it is compared with.
    private static double Number(JsonNode? node) =>
        node is JsonValue ? double.Parse(node.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture) : double.NaN;
}
