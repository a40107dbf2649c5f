using System.Diagnostics;
using System.Text.Json.Nodes;
using Glomers.Harness.Checkers;
using Glomers.Harness.Core;
using Glomers.Harness.History;
using Glomers.Harness.Network;
using Glomers.Harness.Reports;
using Glomers.Harness.Workloads;

namespace Glomers.Harness.Cli;

/// <summary>
/// `glomers check`: the bench's checkers on a recorded history (Maelstrom's or ours), with the run's
/// flags, stored and reported as `glomers test` does; the run folder keeps the history file as given.
/// A history holds ops only: network figures need
/// the message journal (used when our messages.jsonl lies beside the history), and the nodes'
/// protocol faults were never recorded in it.
/// </summary>
public static class CheckCommand
{
    public const string NoJournalNote = "net: no message journal (messages.jsonl) beside the history, so no network figures";
    public const string NoFindingsNote = "exceptions: a history does not record the nodes' protocol faults, so none are reported";

    public sealed record Result(Validity Valid, JsonObject Results, RunStore Store, TimeSpan Wall, int OpCount);

    public static int Run(IReadOnlyList<string> args, TextWriter console)
    {
        var (options, history) = CommandLine.ParseCheck(args);
        var result = Execute(options, history);
        foreach (var line in Summary.Lines(result.Results, result.Valid, null)) console.WriteLine(line);
        if (result.Results["notes"] is JsonArray notes)
            foreach (var note in notes) console.WriteLine($"Note: {note}");
        console.WriteLine($"Results in {result.Store.Directory} ({result.OpCount} ops from {history}, wall {result.Wall.TotalSeconds:0.000} s)");
        return TestCommand.ExitCode(result.Valid);
    }

    public static Result Execute(TestOptions options, string historyPath)
    {
        var wall = Stopwatch.StartNew();
        var workload = Checker(options.Workload);
        var history = HistoryFile.Read(historyPath);
        var journalPath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(historyPath)) ?? ".", "messages.jsonl");
        var journal = File.Exists(journalPath) ? MessageLogFile.Read(journalPath) : null;

        var checkedResult = ResultComposer.Compose(workload, new CheckInput(history, journal ?? [], [], options));
        var results = checkedResult.ToJson();
        var notes = new JsonArray();
        if (journal is null)
        {
            // Always valid, so leaving it out changes no verdict; zeros would read as a fact.
            results.Remove("net");
            notes.Add(NoJournalNote);
        }
        notes.Add(NoFindingsNote);
        results["notes"] = notes;

        var store = Save(options, historyPath, results);
        store.WriteRunInfo(wall.Elapsed);
        store.WriteReport(results, history, options.FlowWindow);
        return new Result(checkedResult.Valid, results, store, wall.Elapsed, history.Count);
    }

    private static RunStore Save(TestOptions options, string historyPath, JsonObject results)
    {
        try
        {
            var store = RunStore.Create(options, DateTimeOffset.UtcNow);
            store.WriteOptions(options);
            // The file itself rather than a second serialization: the same ops, and far less work.
            store.CopyHistory(historyPath, HistoryFile.StoredName(historyPath));
            store.WriteResults(results);
            store.MarkLatest();
            return store;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BenchException($"--store {options.StoreRoot}: cannot write the results: {e.Message}");
        }
    }

    private static IChecker Checker(string workload)
    {
        try
        {
            return WorkloadCatalog.Checker(workload);
        }
        catch (ArgumentException)
        {
            throw new BenchException($"check: no checker for workload '{workload}' (known: {string.Join(", ", WorkloadCatalog.Names)})");
        }
    }
}
