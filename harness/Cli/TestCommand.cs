using System.Diagnostics;
using System.Text.Json.Nodes;
using Glomers.Harness.Checkers;
using Glomers.Harness.Core;
using Glomers.Harness.Network;
using Glomers.Harness.Nodes;
using Glomers.Harness.Reports;
using Glomers.Harness.Services;
using Glomers.Harness.Workloads;
using Glomers.NodeRuntime.Time;

namespace Glomers.Harness.Cli;

/// <summary>`glomers test`: one run, checked and stored, with its verdict as the exit status.</summary>
public static class TestCommand
{
    /// <summary>A checked run; <paramref name="NodeProcessIds"/> are the node processes it started, all gone by now.</summary>
    public sealed record Result(Validity Valid, JsonObject Results, RunStore Store, TimeSpan Wall, IReadOnlyList<int> NodeProcessIds);

    public static int Run(TestOptions options, TextWriter console)
    {
        var result = Execute(options, console);
        foreach (var line in Summary.Lines(result.Results, result.Valid, result.Results["aborted"]?.ToString()))
            console.WriteLine(line);
        console.WriteLine($"Results in {result.Store.Directory} (wall {result.Wall.TotalSeconds:0.0} s, seed {options.Seed})");
        return ExitCode(result.Valid);
    }

    public static string Mode(RunMode mode) => mode == RunMode.Sim ? "sim" : "process";

    public static int ExitCode(Validity v) => v switch { Validity.True => 0, Validity.False => 1, _ => 2 };

    public static Result Execute(TestOptions options, TextWriter? console)
    {
        var wall = Stopwatch.StartNew();
        // A bad --bin for sim mode is a command-line error, found before anything is stored.
        if (options.Mode == RunMode.Sim) SimAssembly.NodeClass(options.Bin);
        else if (Faults.FaultCatalog.ProcessModeRefusal(options) is { } refusal) throw new BenchException(refusal);
        var workload = WorkloadCatalog.Create(options.Workload, options);
        var store = RunStore.Create(options, DateTimeOffset.UtcNow);
        store.WriteOptions(options);
        console?.WriteLine(CommandText.Of(options));
        console?.WriteLine($"Store: {store.Directory}");
        var sim = options.Mode == RunMode.Sim;
        var scheduler = new Scheduler(sim ? new VirtualTimeProvider() : TimeProvider.System);
        // Virtual time is read where the scheduler records ops; real time can be read from the console's timer.
        var progress = new RunProgress(options.TimeLimit + (workload.HasFinalPhase ? options.RecoveryTime : 0), sim ? null : () => scheduler.Now);
        RunOutcome outcome;
        ProcessCluster? cluster = null;
        using (var runConsole = console is null ? null : new ProgressConsole(console, progress, ProgressConsole.IsTerminal(console)))
        using (var messages = new MessageLog(store.OpenMessages(), options.LogNetSend || options.LogNetRecv ? runConsole : null,
                   options.LogNetSend, options.LogNetRecv))
        {
            var run = new TestRun(options, workload, scheduler, messages,
                (network, report) => sim
                    ? new SimCluster(options, scheduler, network, store.NodeLogs, report)
                    : cluster = new ProcessCluster(options, scheduler, network, store.NodeLogs),
                ServiceCatalog.Create, runConsole) { Progress = progress };
            outcome = scheduler.Run(run.RunAsync);
        }
        store.WriteHistory(outcome.History);
        var input = new CheckInput(outcome.History, outcome.Journal, outcome.Findings, options);
        var checkedResult = ResultComposer.Compose(WorkloadCatalog.Checker(options.Workload), input);
        var valid = checkedResult.Valid;
        var results = checkedResult.ToJson();
        if (outcome.Convergence is { } convergence) results["convergence"] = convergence;
        if (outcome.AbortedBecause is { } why)
        {
            valid = Validity.False;
            results["valid?"] = false;
            results["aborted"] = why;
        }
        store.WriteResults(results);
        store.WriteRunInfo(wall.Elapsed);
        if (store.WriteReport(results, outcome.History, options.FlowWindow) is { } problem) console?.WriteLine(problem);
        store.MarkLatest();
        return new Result(valid, results, store, wall.Elapsed, cluster?.ProcessIds ?? []);
    }
}
