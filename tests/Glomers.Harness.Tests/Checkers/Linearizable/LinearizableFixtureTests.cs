using System.Text.Json.Nodes;
using Glomers.Harness.Checkers;
using Glomers.Harness.Cli;
using Glomers.Harness.Tests.Fixtures;
using Glomers.Harness.Workloads;

namespace Glomers.Harness.Tests.Checkers.Linearizable;

/// <summary>
/// The lin-kv checker on runs of real Maelstrom: the verdict, the failing keys and, for the stale
/// run, the op and path Knossos reported equal the workload section of Maelstrom's results.edn.
/// </summary>
public sealed class LinearizableFixtureTests
{
    private static (JsonObject Maelstrom, JsonObject Ours) Check(string name)
    {
        var fixture = MaelstromFixture.Load(name);
        var ours = WorkloadCatalog.Checker("lin-kv").Check(new CheckInput(fixture.History, [], [], new TestOptions()));
        return ((JsonObject)fixture.Results["workload"]!, ours.ToJson());
    }

    [Theory]
    [InlineData("linkv_ok", true)]
    [InlineData("linkv_stale", false)]
    public void Verdict_and_failing_keys_are_maelstroms(string name, bool valid)
    {
        var (theirs, workload) = Check(name);

        Assert.Equal(valid, (bool)theirs["valid?"]!);
        Assert.Equal(theirs["valid?"]!.ToJsonString(), workload["valid?"]!.ToJsonString());
        Assert.Equal(theirs["failures"]!.ToJsonString(), workload["failures"]!.ToJsonString());
        var theirKeys = theirs["results"]!.AsObject();
        var ourKeys = workload["results"]!.AsObject();
        Assert.Equal(theirKeys.Select(k => k.Key), ourKeys.Select(k => k.Key));
        foreach (var (key, result) in theirKeys)
            Assert.Equal(result!["linearizable"]!["valid?"]!.ToJsonString(), ourKeys[key]!["linearizable"]!["valid?"]!.ToJsonString());
    }

    [Fact]
    public void The_stale_read_is_reported_at_the_op_and_with_the_path_maelstrom_reports()
    {
        var (maelstrom, ours) = Check("linkv_stale");

        // Maelstrom: the read of 4 at index 102 cannot follow the read of 2 at index 98.
        var theirs = maelstrom["results"]!["0"]!["linearizable"]!;
        var report = ours["results"]!["0"]!["linearizable"]!;
        Assert.Equal(102L, (long)report["op"]!["index"]!);
        foreach (var field in new[] { "op", "previous-ok", "last-op", "final-paths" })
            Assert.Equal(JsonValueOrder.Key(theirs[field]), JsonValueOrder.Key(report[field]));
        Assert.Equal(JsonValueOrder.Key(theirs["configs"]![0]!["model"]), JsonValueOrder.Key(report["configs"]![0]!["model"]));
    }

    [Fact]
    public void The_valid_run_ends_in_the_register_value_maelstrom_found()
    {
        var (maelstrom, ours) = Check("linkv_ok");

        Assert.Equal(JsonValueOrder.Key(maelstrom["results"]!["0"]!["linearizable"]!["configs"]![0]!["model"]),
            JsonValueOrder.Key(ours["results"]!["0"]!["linearizable"]!["model"]));
    }
}
