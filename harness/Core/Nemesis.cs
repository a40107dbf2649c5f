using Glomers.Harness.Cli;
using Glomers.Harness.History;
using Glomers.Harness.Network;
using Glomers.Harness.Nodes;

namespace Glomers.Harness.Core;

/// <summary>
/// The faults of --nemesis on Maelstrom's cadence: every gap uniform in [0, 2·interval], one of the
/// chosen faults is picked and flipped (started if it is off, stopped if it is on), so each fault
/// alternates start and stop while different faults may overlap. Each action is a pair of nemesis
/// info ops in the history (start-X / stop-X), the second with what was done.
/// </summary>
public sealed class Nemesis
{
    public static readonly string[] Faults = ["partition", "one-way", "pause", "kill", "duplicate"];

    /// <summary>The share of messages between nodes that the duplicate fault delivers twice.</summary>
    public const double DuplicateChance = 0.2;

    private readonly TestOptions options;
    private readonly Scheduler scheduler;
    private readonly SimNetwork network;
    private readonly INodeFaults? nodes;
    private readonly HistoryRecorder history;
    private readonly Random random;
    private readonly Random duplicateRandom;
    private readonly Func<string, Task<string?>> init;
    private readonly Action<Finding> report;
    private readonly string[] faults;
    private readonly HashSet<string> active = new(StringComparer.Ordinal);
    private string[] paused = [];
    private string[] killed = [];

    /// <param name="init">Sends init to a restarted node; returns why it failed, or null.</param>
    public Nemesis(TestOptions options, Scheduler scheduler, SimNetwork network, INodeCluster cluster, HistoryRecorder history,
        Random random, Random duplicateRandom, Func<string, Task<string?>> init, Action<Finding> report)
    {
        this.options = options;
        this.scheduler = scheduler;
        this.network = network;
        this.history = history;
        this.random = random;
        this.duplicateRandom = duplicateRandom;
        this.init = init;
        this.report = report;
        faults = [.. Faults.Where(options.Nemesis.Contains)];
        nodes = cluster as INodeFaults;
        if (nodes is null && faults.Any(f => f is "pause" or "kill"))
            throw new BenchException("--nemesis pause and kill need a cluster that can pause and kill its nodes");
    }

    public bool AnyActive => active.Count > 0;

    /// <summary>Flips faults until <paramref name="end"/> (nanoseconds on the scheduler); faults still on stay on.</summary>
    public async Task RunAsync(long end)
    {
        if (faults.Length == 0) return;
        var interval = (long)(options.NemesisInterval * 1e9);
        while (true)
        {
            await scheduler.DelayUntil(Math.Min(end, scheduler.Now + (long)(random.NextDouble() * 2 * interval)));
            if (scheduler.Now >= end) return;
            var fault = faults.Length == 1 ? faults[0] : faults[random.Next(faults.Length)];
            if (active.Contains(fault)) await StopAsync(fault);
            else Start(fault);
        }
    }

    /// <summary>Heals, resumes and restarts everything, so the final phase runs on a whole cluster.</summary>
    public async Task StopAllAsync()
    {
        foreach (var fault in faults)
        {
            if (active.Contains(fault)) await StopAsync(fault);
        }
    }

    private void Start(string fault)
    {
        var f = "start-" + fault;
        history.Add(OpType.Info, Op.NemesisProcess, f, null);
        string done;
        switch (fault)
        {
            case "partition":
                var (shape, grudge) = PartitionNemesis.Pick(options.NodeIds, random);
                network.Partition(grudge);
                done = PartitionNemesis.Describe(shape, grudge);
                break;
            case "one-way":
                var (senders, receivers, oneWay) = OneWayNemesis.Pick(options.NodeIds, random);
                network.BlockOneWay(oneWay);
                done = OneWayNemesis.Describe(senders, receivers);
                break;
            case "pause":
                paused = FaultTargets.Pick(options.NodeIds, random);
                foreach (var n in paused) nodes!.Pause(n);
                done = "paused " + string.Join(",", paused);
                break;
            case "kill":
                killed = FaultTargets.Pick(options.NodeIds, random);
                foreach (var n in killed) nodes!.Kill(n);
                done = "killed " + string.Join(",", killed);
                break;
            default:
                network.Duplicate(DuplicateChance, duplicateRandom);
                done = $"duplicating {(int)Math.Round(DuplicateChance * 100)}% of messages between nodes";
                break;
        }
        active.Add(fault);
        history.Add(OpType.Info, Op.NemesisProcess, f, done);
    }

    private async Task StopAsync(string fault)
    {
        var f = "stop-" + fault;
        history.Add(OpType.Info, Op.NemesisProcess, f, null);
        string done;
        switch (fault)
        {
            case "partition":
                network.Heal();
                done = "fully connected";
                break;
            case "one-way":
                network.UnblockOneWay();
                done = "fully connected";
                break;
            case "pause":
                foreach (var n in paused) nodes!.Resume(n);
                done = "resumed " + string.Join(",", paused);
                paused = [];
                break;
            case "kill":
                foreach (var n in killed) nodes!.Restart(n);
                var failures = await Task.WhenAll(killed.Select(init));
                foreach (var why in failures.OfType<string>())
                    report(new Finding(scheduler.Now, why.Split(' ')[0], "restart-failed", why));
                done = "restarted " + string.Join(",", killed);
                killed = [];
                break;
            default:
                network.Duplicate(0, duplicateRandom);
                done = "no duplicates";
                break;
        }
        active.Remove(fault);
        history.Add(OpType.Info, Op.NemesisProcess, f, done);
    }
}
