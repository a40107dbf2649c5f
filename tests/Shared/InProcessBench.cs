using System.Text.Json.Nodes;
using Glomers.Harness.Checkers;
using Glomers.Harness.Cli;

namespace Glomers.Tests.Shared;

/// <summary>
/// One run of the real bench in this process (as `glomers test` does it) on a node built with the
/// tests, its store deleted afterwards: the verdict and results.json, for the node suites' challenge runs.
/// </summary>
public static class InProcessBench
{
    public static (Validity Valid, JsonObject Results) Run(string workload, string node, string mode, int seed, string flags, string nodeArgs = "")
    {
        var store = Directory.CreateTempSubdirectory(node.ToLowerInvariant() + "-bench-");
        try
        {
            string[] args =
            [
                "-w", workload, "--bin", BuiltBinaries.Path(node), "--mode", mode, "--seed", seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--store", store.FullName, .. Split(flags), .. nodeArgs.Length > 0 ? ["--", .. Split(nodeArgs)] : Array.Empty<string>(),
            ];
            var result = TestCommand.Execute(CommandLine.ParseTest(args), null);
            return (result.Valid, result.Results);
        }
        finally
        {
            store.Delete(recursive: true);
        }
    }

    /// <summary>
    /// A step of challenge-steps.txt on its node, with <paramref name="extraFlags"/> after the step's
    /// own (a later flag wins) and the step's node arguments unless <paramref name="nodeArgs"/> replaces them.
    /// </summary>
    public static (Validity Valid, JsonObject Results) Run(ChallengeStep step, string mode, int seed, string extraFlags = "", string? nodeArgs = null) =>
        Run(step.Workload, step.Node, mode, seed, $"{step.FlagsWithoutWorkload} {extraFlags}", nodeArgs ?? step.NodeArgs);

    /// <summary>
    /// A figure of results.json. Checkers hold numbers as float, double or long: read the JSON text.
    /// A missing figure reads as NaN, which fails every bound it is compared with.
    /// </summary>
    public static double Number(JsonNode? node) =>
        node is JsonValue ? double.Parse(node.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture) : double.NaN;

    private static string[] Split(string flags) => flags.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
