using System.Text.Json.Nodes;
using Glomers.Harness.Checkers;
using Glomers.Harness.Cli;

namespace Glomers.Harness.Tests.Sim;

/// <summary>Runs the bench on the repo's own node binaries (built next to this test assembly) and reads what it stored.</summary>
internal static class SimBench
{
    private static readonly string Root = Glomers.Tests.Shared.BuiltBinaries.RepositoryRoot;

    /// <summary>"debug" or "release": the nodes are built in the configuration of this test assembly.</summary>
    private static readonly string Configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Name;

    public static string Bin(string name)
    {
        var path = Path.Combine(Root, "artifacts", "bin", name, Configuration, name);
        return File.Exists(path) ? path : throw new FileNotFoundException($"node binary not built: {path}");
    }

    public static TestOptions Options(string workload, string node, string mode, long seed, params string[] more)
    {
        var store = Path.Combine(Path.GetTempPath(), "glomers-sim-tests", Guid.NewGuid().ToString("N"));
        string[] args = ["-w", workload, "--bin", Bin(node), "--mode", mode, "--seed", seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--store", store, .. more];
        return CommandLine.ParseTest(args);
    }

    public static Run Execute(TestOptions options)
    {
        var result = TestCommand.Execute(options, null);
        // Read back as stored, so numbers are plain JSON numbers.
        var stored = JsonNode.Parse(File.ReadAllText(Path.Combine(result.Store.Directory, "results.json")))!.AsObject();
        return new Run(result.Valid, stored, result.Store.Directory);
    }

    public sealed record Run(Validity Valid, JsonObject Results, string Directory)
    {
        public string History => File.ReadAllText(Path.Combine(Directory, "history.jsonl"));
        public string Messages => File.ReadAllText(Path.Combine(Directory, "messages.jsonl"));

        public IReadOnlyList<JsonObject> HistoryOps =>
            [.. History.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject())];

        public IReadOnlyList<JsonObject> MessageEvents =>
            [.. Messages.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject())];

        public static string? Text(JsonObject o, string key) => o[key]?.ToString();

        public IEnumerable<string> Exceptions =>
            Results["exceptions"]?["exceptions"] is JsonArray a ? a.Select(e => (string)e!["class"]!) : [];
    }
}
