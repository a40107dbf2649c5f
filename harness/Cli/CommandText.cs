using System.Globalization;
using Glomers.Harness.Faults;
using Glomers.Harness.Workloads;

namespace Glomers.Harness.Cli;

/// <summary>
/// The `glomers test` command that reproduces a run: every flag whose value differs from its
/// default (the workloads' flags written by their <see cref="WorkloadFlag.Written"/>), the seed,
/// and the node's arguments after --. The header of a run and a sweep's replay
/// lines print it, so any run can be repeated from what it printed.
/// </summary>
public static class CommandText
{
    public static string Of(TestOptions o)
    {
        var d = new TestOptions();
        var words = new List<string> { "glomers", "test", "-w", o.Workload, "--bin", o.Bin };
        void Add(string flag, string? value = null)
        {
            words.Add(flag);
            if (value is not null) words.Add(value);
        }
        if (o.NodeCountGiven) Add("--node-count", Int(o.NodeCount));
        if (o.TimeLimit != d.TimeLimit) Add("--time-limit", Number(o.TimeLimit));
        if (o.Rate != d.Rate) Add("--rate", Number(o.Rate));
        if (o.Concurrency != o.NodeCount)
            Add("--concurrency", o.Concurrency % o.NodeCount == 0 ? Int(o.Concurrency / o.NodeCount) + "n" : Int(o.Concurrency));
        if (o.LatencyMs != d.LatencyMs) Add("--latency", Number(o.LatencyMs));
        if (o.LatencyDist != d.LatencyDist) Add("--latency-dist", o.LatencyDist.ToString().ToLowerInvariant());
        if (o.Nemesis.Count > 0) Add("--nemesis", string.Join(",", FaultCatalog.Names.Where(o.Nemesis.Contains)));
        if (o.NemesisInterval != d.NemesisInterval) Add("--nemesis-interval", Number(o.NemesisInterval));
        if (o.AvailabilityTotal) Add("--availability", "total");
        else if (o.Availability is { } a) Add("--availability", Number(a));
        // The workloads' own flags, as their catalog defines them: a new one needs no line here.
        foreach (var flag in WorkloadCatalog.Flags)
        {
            if (flag.Written(o) is { } value) Add(flag.Name, value);
        }
        if (o.LogStderr) Add("--log-stderr");
        if (o.LogNetSend) Add("--log-net-send");
        if (o.LogNetRecv) Add("--log-net-recv");
        if (o.Mode != d.Mode) Add("--mode", TestCommand.Mode(o.Mode));
        if (o.Busy) Add("--busy");
        if (o.Slow.CostMs != d.Slow.CostMs) Add("--slow-cost", Number(o.Slow.CostMs));
        if (o.Slow.StallMs != d.Slow.StallMs) Add("--slow-stall", Number(o.Slow.StallMs));
        if (o.Slow.StallsPerSecond != d.Slow.StallsPerSecond) Add("--slow-stalls", Number(o.Slow.StallsPerSecond));
        if (o.RecoveryTime != d.RecoveryTime) Add("--recovery-time", Number(o.RecoveryTime));
        if (o.StoreRoot != d.StoreRoot) Add("--store", o.StoreRoot);
        if (o.FlowWindow is { } window) Add("--flow-window", window.Flag);
        Add("--seed", o.Seed.ToString(CultureInfo.InvariantCulture));
        if (o.BinArgs.Count > 0)
        {
            words.Add("--");
            words.AddRange(o.BinArgs);
        }
        return string.Join(' ', words.Select(Quote));
    }

    /// <summary>A word as a POSIX shell reads it back: bare when safe, else in single quotes.</summary>
    public static string Quote(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:,+@".Contains(c)) ? word : "'" + word.Replace("'", "'\\''") + "'";

    private static string Int(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Number(double x) => x.ToString("R", CultureInfo.InvariantCulture);
}
