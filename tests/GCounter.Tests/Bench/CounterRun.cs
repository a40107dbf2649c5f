using System.Text.Json.Nodes;
using Glomers.Harness.Checkers;
using Glomers.Harness.Cli;

namespace Glomers.GCounter.Tests.Bench;

/// <summary>One run of the real bench on the GCounter node built with these tests, and what the challenge checks.</summary>
public sealed record CounterRun(Validity Valid, double MsgsPerOp, JsonArray FinalReads, JsonArray Acceptable)
{
    public static CounterRun Execute(string workload, string mode, int seed, string flags)
    {
        var store = Directory.CreateTempSubdirectory("gcounter-bench-");
        try
        {
            string[] args =
            [
                "-w", workload, "--bin", Glomers.Tests.Shared.BuiltBinaries.Path("GCounter"), "--mode", mode, "--seed", seed.ToString(),
                "--store", store.FullName, .. flags.Split(' ', StringSplitOptions.RemoveEmptyEntries),
            ];
            var result = TestCommand.Execute(CommandLine.ParseTest(args), null);
            var checker = result.Results["workload"] as JsonObject;
            return new CounterRun(
                result.Valid,
                Number(result.Results["net"]?["servers"]?["msgs-per-op"]),
                (checker?["final-reads"] as JsonArray)?.DeepClone().AsArray() ?? [],
                (checker?["acceptable"] as JsonArray)?.DeepClone().AsArray() ?? []);
        }
        finally
        {
            store.Delete(recursive: true);
        }
    }

    public override string ToString() =>
        $"{Valid}: {MsgsPerOp:0.###} msgs-per-op, final reads {FinalReads.ToJsonString()}, acceptable {Acceptable.ToJsonString()}";

    // Checkers hold numbers as float, double or long: read the JSON text. Missing reads as NaN, which fails any bound.
    private static double Number(JsonNode? node) =>
        node is JsonValue ? double.Parse(node.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture) : double.NaN;
}
