using System.Text.Json.Nodes;
using Glomers.Harness.Checkers;
using Glomers.Harness.Cli;

namespace Glomers.TxnKv.Tests.Bench;

/// <summary>One run of the real bench on the TxnKv node built with these tests, and the figures the challenge is judged by.</summary>
public sealed record TxnBenchRun(Validity Valid, double MsgsPerOp, double Availability, long OkCount, string AnomalyTypes)
{
    public static TxnBenchRun Execute(string mode, int seed, string flags, string nodeArgs = "")
    {
        var store = Directory.CreateTempSubdirectory("txnkv-bench-");
        try
        {
            string[] args =
            [
                "-w", "txn-rw-register", "--bin", Glomers.Tests.Shared.BuiltBinaries.Path("TxnKv"), "--mode", mode, "--seed", seed.ToString(),
                "--store", store.FullName, .. Split(flags), "--", .. Split(nodeArgs),
            ];
            var result = TestCommand.Execute(CommandLine.ParseTest(args), null);
            return new TxnBenchRun(
                result.Valid,
                Number(result.Results["net"]?["servers"]?["msgs-per-op"]),
                Number(result.Results["availability"]?["ok-fraction"]),
                (long)Number(result.Results["stats"]?["ok-count"]),
                result.Results["workload"]?["anomaly-types"]?.ToJsonString() ?? "[]");
        }
        finally
        {
            store.Delete(recursive: true);
        }
    }

    public override string ToString() =>
        $"{Valid}: {MsgsPerOp:0.###} msgs-per-op, availability {Availability}, {OkCount} ok, anomalies {AnomalyTypes}";

    private static string[] Split(string flags) => flags.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    // Checkers hold numbers as float, double or long: read the JSON text. Missing reads as NaN, which fails any bound.
    private static double Number(JsonNode? node) =>
        node is JsonValue ? double.Parse(node.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture) : double.NaN;
}
