using System.Text.Json.Nodes;
using Glomers.Harness.Checkers;
using Glomers.Harness.Cli;

namespace Glomers.Harness.Tests.EndToEnd;

/// <summary>A finished run of the whole bench, with the parts of results.json the tests look at.</summary>
public sealed class BenchRun(TestCommand.Result result)
{
    public Validity Valid => result.Valid;
    public JsonObject Results => result.Results;
    public JsonObject Workload => (JsonObject)result.Results["workload"]!;
    public string? Aborted => (string?)result.Results["aborted"];
    public IReadOnlyList<int> NodeProcessIds => result.NodeProcessIds;
    public string Store => result.Store.Directory;

    /// <summary>The exceptions entry of one class ("malformed-message", "node-exited", ...), or null.</summary>
    public JsonObject? Exceptions(string kind) =>
        (result.Results["exceptions"]?["exceptions"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(e => (string?)e["class"] == kind);

    /// <summary>The lines of history.jsonl.</summary>
    public string[] History() => File.ReadAllLines(Path.Combine(Store, "history.jsonl"));

    public long Count(string key) => Long(Workload[key]);

    /// <summary>An integer of results.json, whether the checker built it from an int or a long.</summary>
    public static long Long(JsonNode? node) =>
        JsonNumbers.TryGetInt64(node, out var n) ? n : throw new Xunit.Sdk.XunitException($"not an integer: {node?.ToJsonString() ?? "nothing"}");

    /// <summary>Fails unless every node process of the run has exited: the bench leaves no child behind.</summary>
    public void AssertNoNodeProcessLeft()
    {
        Assert.NotEmpty(NodeProcessIds);
        var alive = NodeProcessIds.Where(IsRunning).ToList();
        Assert.True(alive.Count == 0, $"node processes still running after the run: {string.Join(", ", alive)} ({Store})");
    }

    // A pid may be reused by the time we look; only a process still running one of our node binaries counts.
    private static bool IsRunning(int pid)
    {
        try
        {
            using var p = System.Diagnostics.Process.GetProcessById(pid);
            if (p.HasExited) return false;
            var name = p.ProcessName;
            return name is "BrokenNodes" or "Echo" or "UniqueIds" or "dotnet";
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    public override string ToString() => $"{Store}: {Results.ToJsonString()}";
}
