using System.Diagnostics;
using System.Text.Json.Nodes;
using Glomers.Harness.Checkers;
using Glomers.Harness.Cli;
using Glomers.Harness.Core;
using Glomers.Harness.History;
using Glomers.Harness.Tests.Checkers;
using Glomers.Harness.Tests.Sim;
using Glomers.Tests.Shared;

namespace Glomers.Harness.Tests.Fixtures;

/// <summary>`glomers check`: a recorded history judged, stored and reported as `glomers test` does.</summary>
public sealed class CheckCommandTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("glomers-check-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private string Store => Path.Combine(dir, "store");

    private string Write(string name, string text)
    {
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private CheckCommand.Result Check(params string[] args)
    {
        var (options, history) = CommandLine.ParseCheck([.. args, "--store", Store]);
        return CheckCommand.Execute(options, history);
    }

    private static (int Code, string Stdout, string Stderr) Glomers(params string[] args)
    {
        var info = new ProcessStartInfo(BuiltBinaries.Path("Glomers.Harness", "glomers")) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var p = Process.Start(info)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stdout, stderr.Result);
    }

    private static string[] Notes(JsonObject results) => [.. results["notes"]!.AsArray().Select(n => n!.GetValue<string>())];

    // Element 0 acknowledged, then missed by the final read: lost.
    private const string LostBroadcast = """
        {:index 0, :time 1000000, :type :invoke, :process 0, :f :broadcast, :value 0}
        {:index 1, :time 2000000, :type :ok, :process 0, :f :broadcast, :value 0}
        {:index 2, :time 3000000, :type :invoke, :process 0, :f :broadcast, :value 1}
        {:index 3, :time 4000000, :type :ok, :process 0, :f :broadcast, :value 1}
        {:index 4, :time 9000000, :type :invoke, :process 1, :f :read, :value nil, :final? true}
        {:index 5, :time 9500000, :type :ok, :process 1, :f :read, :value [1], :final? true}
        """;

    [Fact]
    public void TheExitStatusIsTheVerdict()
    {
        var valid = Glomers("check", "-w", "broadcast", MaelstromFixture.Load("3b").HistoryPath, "--node-count", "5", "--store", Store);
        var invalid = Glomers("check", "-w", "broadcast", Write("lost.edn", LostBroadcast), "--store", Store);
        // Nothing was ever read after it was sent: no element is stable, so set-full cannot say.
        var unknown = Glomers("check", "-w", "broadcast", Write("unread.edn", string.Join('\n', LostBroadcast.Split('\n')[..4])), "--store", Store);

        Assert.Equal((0, ""), (valid.Code, valid.Stderr));
        Assert.Contains("Verdict: VALID", valid.Stdout);
        Assert.Equal(1, invalid.Code);
        Assert.Contains("Verdict: INVALID (workload)", invalid.Stdout);
        Assert.Contains("lost-count          1", invalid.Stdout);
        Assert.Equal(2, unknown.Code);
        Assert.Contains("Verdict: UNKNOWN (workload)", unknown.Stdout);
    }

    [Fact]
    public void BadInputExits254WithTheReason()
    {
        var malformed = Glomers("check", "-w", "broadcast", Write("bad.edn", LostBroadcast.Replace(":type :ok, :process 0, :f :broadcast, :value 1}", ":type :ok, :process 0}")), "--store", Store);
        var unknownWorkload = Glomers("check", "-w", "kafkaa", Write("h.edn", LostBroadcast), "--store", Store);
        var missing = Glomers("check", "-w", "broadcast", Path.Combine(dir, "none.edn"), "--store", Store);
        var noHistory = Glomers("check", "-w", "broadcast", "--store", Store);

        Assert.Equal((254, $"glomers: {Path.Combine(dir, "bad.edn")}, line 4: no :f\n"), (malformed.Code, malformed.Stderr));
        Assert.Equal(254, unknownWorkload.Code);
        Assert.Contains("unknown or unsupported workload 'kafkaa' (known: echo, unique-ids, broadcast", unknownWorkload.Stderr);
        Assert.Equal((254, $"glomers: {Path.Combine(dir, "none.edn")}: no such file\n"), (missing.Code, missing.Stderr));
        Assert.Equal(254, noHistory.Code);
        Assert.Contains("check needs a history", noHistory.Stderr);
        Assert.False(Directory.Exists(Store), "nothing is stored for bad input");
    }

    [Fact]
    public void AStoreThatCannotBeWrittenIsABenchError()
    {
        var blocked = Write("store-is-a-file", "");
        var (options, history) = CommandLine.ParseCheck(["-w", "broadcast", Write("lost.edn", LostBroadcast), "--store", blocked]);
        Assert.StartsWith($"--store {blocked}: cannot write the results", Assert.Throws<BenchException>(() => CheckCommand.Execute(options, history)).Message);
    }

    [Fact]
    public void TakesTheTestFlagsWithoutBinAndOneHistory()
    {
        var (options, history) = CommandLine.ParseCheck(["-w", "g-counter", "h.edn", "--node-count", "3", "--availability", "0.5", "--nemesis", "partition"]);
        Assert.Equal(("g-counter", "h.edn", 3, 0.5), (options.Workload, history, options.NodeCount, options.Availability));
        Assert.Contains("check takes one history, not 2", Assert.Throws<BenchException>(() => CommandLine.ParseCheck(["-w", "echo", "a.edn", "b.edn"])).Message);
        Assert.Contains("--bin is required", Assert.Throws<BenchException>(() => CommandLine.ParseTest(["-w", "echo"])).Message);
        Assert.Contains("unexpected argument 'a.edn'", Assert.Throws<BenchException>(() => CommandLine.ParseTest(["-w", "echo", "a.edn"])).Message);
    }

    [Fact]
    public void StoresResultsAndTheHistoryAsATestRunDoes()
    {
        var result = Check("-w", "broadcast", Write("lost.edn", LostBroadcast));

        Assert.Equal(Validity.False, result.Valid);
        Assert.Equal(Path.Combine(Store, "broadcast"), Path.GetDirectoryName(result.Store.Directory));
        var stored = JsonNode.Parse(File.ReadAllText(Path.Combine(result.Store.Directory, "results.json")))!.AsObject();
        Assert.Equal(result.Results.ToJsonString(), stored.ToJsonString());
        Assert.Equal(("false", "1", "[0]"), (stored["valid?"]!.ToJsonString(), stored["workload"]!["lost-count"]!.ToJsonString(), stored["workload"]!["lost"]!.ToJsonString()));
        // The history is kept as given, named by what it holds.
        Assert.Equal(File.ReadAllText(Path.Combine(dir, "lost.edn")), File.ReadAllText(Path.Combine(result.Store.Directory, "history.edn")));
        Assert.True(File.Exists(Path.Combine(result.Store.Directory, "options.json")));
        Assert.Equal(result.Store.Directory, Path.GetFullPath(Path.Combine(Store, "broadcast", new FileInfo(Path.Combine(Store, "broadcast", "latest")).LinkTarget!)));
    }

    [Fact]
    public void AGzippedHistoryIsKeptGzipped()
    {
        var fixture = MaelstromFixture.Load("echo");
        var result = Check("-w", "echo", fixture.HistoryPath, "--node-count", "1");

        Assert.Equal(File.ReadAllBytes(fixture.HistoryPath), File.ReadAllBytes(Path.Combine(result.Store.Directory, "history.edn.gz")));
        Assert.Equal(["history.edn.gz", "node-logs", "options.json", "report.html", "results.json", "run.json"],
            Directory.EnumerateFileSystemEntries(result.Store.Directory).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void WithoutAJournalTheNetFiguresAreLeftOutWithANote()
    {
        var results = Check("-w", "broadcast", Write("lost.edn", LostBroadcast)).Results;

        Assert.False(results.ContainsKey("net"));
        Assert.Equal([CheckCommand.NoJournalNote, CheckCommand.NoFindingsNote], Notes(results));
    }

    [Fact]
    public void AJournalBesideOurHistoryGivesTheNetFigures()
    {
        Write("history.jsonl", """
            {"index":0,"time":1,"type":"invoke","process":0,"f":"echo","value":"a","node":"n0"}
            {"index":1,"time":2,"type":"ok","process":0,"f":"echo","value":{"type":"echo_ok","echo":"a","in_reply_to":1},"node":"n0"}
            """);
        Write("messages.jsonl", """
            {"time":1,"event":"send","id":0,"src":"c1","dest":"n0","body":{"type":"echo","echo":"a","msg_id":1}}
            {"time":1,"event":"recv","id":0,"src":"c1","dest":"n0"}
            {"time":1,"event":"send","id":1,"src":"n0","dest":"n1","body":{"type":"gossip"}}
            {"time":2,"event":"drop","id":1,"src":"n0","dest":"n1"}
            {"time":2,"event":"send","id":2,"src":"n0","dest":"c1","body":{"type":"echo_ok","echo":"a","in_reply_to":1}}
            {"time":2,"event":"recv","id":2,"src":"n0","dest":"c1"}
            """);

        var results = Check("-w", "echo", Path.Combine(dir, "history.jsonl")).Results;

        Assert.Equal(Validity.True.ToJson().ToJsonString(), results["valid?"]!.ToJsonString());
        Assert.Equal(JsonText.Compact("""
            {"valid?":true,"all":{"send-count":3,"recv-count":2,"msg-count":3,"msgs-per-op":3},
             "clients":{"send-count":2,"recv-count":2,"msg-count":2},"servers":{"send-count":1,"recv-count":0,"msg-count":1,"msgs-per-op":1}}
            """), results["net"]!.ToJsonString());
        Assert.Equal([CheckCommand.NoFindingsNote], Notes(results));
    }

    [Fact]
    public void AMalformedJournalLineIsNamed()
    {
        Write("history.jsonl", """{"index":0,"time":1,"type":"invoke","process":0,"f":"echo","value":"a"}""" + "\n");
        Write("messages.jsonl", """{"time":1,"event":"send","id":0,"src":"c1","dest":"n0","body":{}}""" + "\n" + """{"time":1,"event":"recv"}""" + "\n");

        var e = Assert.Throws<HistoryFormatException>(() => Check("-w", "echo", Path.Combine(dir, "history.jsonl")));
        Assert.Equal((Path.Combine(dir, "messages.jsonl"), (int?)2), (e.Path, e.Line));
    }

    // A run of the bench, checked again from what it stored, gives the same results: only what a
    // history cannot hold (the nodes' protocol faults) is left to the notes.
    [Theory]
    [InlineData("echo", "Echo")]
    [InlineData("broadcast", "FloodBroadcast")]
    [InlineData("g-counter", "GCounter")]
    [InlineData("unique-ids", "UniqueIds")]
    public void CheckingAStoredRunGivesItsResults(string workload, string node)
    {
        string[] flags = ["--node-count", "3", "--time-limit", "3", "--rate", "40", "--latency", "10", "--recovery-time", "1",
            "--nemesis", "partition", "--nemesis-interval", "1", "--availability", "0.5"];
        var run = SimBench.Execute(SimBench.Options(workload, node, "sim", 4, flags));
        Assert.Empty(run.Exceptions);

        var again = Check(["-w", workload, Path.Combine(run.Directory, "history.jsonl"), .. flags]);

        var expected = run.Results.DeepClone().AsObject();
        var ours = JsonNode.Parse(File.ReadAllText(Path.Combine(again.Store.Directory, "results.json")))!.AsObject();
        Assert.Equal([CheckCommand.NoFindingsNote], Notes(ours));
        ours.Remove("notes");
        Assert.Equal(expected.ToJsonString(), ours.ToJsonString());
        Assert.Equal(run.History, File.ReadAllText(Path.Combine(again.Store.Directory, "history.jsonl")));
        Directory.Delete(Path.GetDirectoryName(Path.GetDirectoryName(run.Directory))!, recursive: true);
    }
}
