using System.Text.Json.Nodes;
using Glomers.Harness.Checkers;
using Glomers.Harness.Cli;

namespace Glomers.KafkaLog.Tests.Bench;

/// <summary>One run of the real bench on the KafkaLog node built with these tests, and the figures step 5 is judged by.</summary>
public sealed record KafkaRun(Validity Valid, double MsgsPerOp, double Availability, long SendsOk, string ErrorTypes)
{
    public static KafkaRun Execute(string mode, int seed, string flags, string nodeArgs = "")
    {
        var store = Directory.CreateTempSubdirectory("kafkalog-bench-");
        try
        {
            string[] args =
            [
                "-w", "kafka", "--bin", Glomers.Tests.Shared.BuiltBinaries.Path("KafkaLog"), "--mode", mode, "--seed", seed.ToString(),
                "--store", store.FullName, .. Split(flags), "--", .. Split(nodeArgs),
            ];
            var result = TestCommand.Execute(CommandLine.ParseTest(args), null);
            return new KafkaRun(
                result.Valid,
                Number(result.Results["net"]?["servers"]?["msgs-per-op"]),
                Number(result.Results["availability"]?["ok-fraction"]),
                (long)Number(result.Results["stats"]?["by-f"]?["send"]?["ok-count"]),
                result.Results["workload"]?["error-types"]?.ToJsonString() ?? "?");
        }
        finally
        {
            store.Delete(recursive: true);
        }
    }

    public override string ToString() =>
        $"{Valid}: {MsgsPerOp:0.####} msgs-per-op, availability {Availability:0.#####}, {SendsOk} sends ok, error types {ErrorTypes}";

    private static string[] Split(string flags) => flags.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    // Checkers hold numbers as float, double or long: read the JSON text. Missing reads as NaN, which fails any bound.
    private static double Number(JsonNode? node) =>
        node is JsonValue ? double.Parse(node.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture) : double.NaN;
}
