using System.Text.Json.Nodes;
using Glomers.Harness.Checkers;
using Glomers.Harness.Cli;
using Glomers.Harness.Core;
using Glomers.Harness.History;
using Glomers.Harness.Network;
using Glomers.Harness.Nodes;
using Glomers.Harness.Services;
using Glomers.Harness.Workloads;
using Glomers.Harness.Workloads.TxnRwRegister;
using Glomers.NodeRuntime.Time;
using Glomers.Tests.Shared;
using Xunit.Abstractions;

namespace Glomers.TxnKv.Tests.Bench;

/// <summary>
/// The checker cannot see replicas that disagree for ever, so this reads them: a 6c run of the bench
/// in simulation, then, from the heal on, every node's value of every key through the protocol,
/// every 10 ms for 2 s. All nodes must end equal, and reach that state within 1 s of the heal.
/// </summary>
public class ConvergenceTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(1);

    public sealed record Convergence(Validity Valid, TimeSpan After, IReadOnlyDictionary<string, string> FinalState, int Keys);

    public static Convergence Measure(int seed, string faults)
    {
        var logs = Directory.CreateTempSubdirectory("txnkv-converge-");
        try
        {
            var step = ChallengeSteps.Get("6c");
            var options = CommandLine.ParseTest([
                .. step.Flags.Split(' ', StringSplitOptions.RemoveEmptyEntries), "--bin", BuiltBinaries.Path(step.Node),
                "--mode", "sim", "--seed", seed.ToString(), "--nemesis", faults, "--recovery-time", "0",
            ]);
            var workload = new ReadEveryKeyAfterHeal(new TxnRwRegisterWorkload(options), TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(2));
            var scheduler = new Scheduler(new VirtualTimeProvider());
            var run = new TestRun(options, workload, scheduler, MessageLog.None,
                (network, report) => new SimCluster(options, scheduler, network, logs.FullName, report), ServiceCatalog.Create, null);
            var outcome = scheduler.Run(run.RunAsync);
            var valid = ResultComposer.Compose(WorkloadCatalog.Checker(options.Workload),
                new CheckInput(outcome.History, outcome.Journal, outcome.Findings, options)).Valid;
            return Judge(outcome.History, valid);
        }
        finally
        {
            logs.Delete(recursive: true);
        }
    }

    /// <summary>Per node, the final reads in order; the time from the heal until each node's reads last changed.</summary>
    private static Convergence Judge(IReadOnlyList<Op> history, Validity valid)
    {
        var reads = history.Where(o => o.Final && o.Type == OpType.Ok).ToList();
        Assert.NotEmpty(reads);
        // The heal is the last nemesis op before the final phase; its reads start right after it.
        var firstFinal = history.First(o => o.Final).Time;
        var heal = history.Where(o => o.IsNemesis && o.Time <= firstFinal).Select(o => o.Time).DefaultIfEmpty(firstFinal).Max();
        var byNode = reads.GroupBy(o => o.Node!).ToDictionary(g => g.Key, g => g.OrderBy(o => o.Time).ToList());
        var final = byNode.ToDictionary(p => p.Key, p => p.Value[^1].Value!.ToJsonString());
        var settled = byNode.Values.Max(rs =>
        {
            var last = rs[^1].Value!.ToJsonString();
            // The first read of the unbroken run of reads that equal the last one.
            var i = rs.Count - 1;
            while (i > 0 && rs[i - 1].Value!.ToJsonString() == last) i--;
            return i == 0 ? heal : rs[i].Time;
        });
        return new Convergence(valid, TimeSpan.FromTicks(Math.Max(0, settled - heal) / 100), final, ((JsonArray)reads[0].Value!).Count);
    }

    public static TheoryData<int> SweepSeeds() => [.. Enumerable.Range(1, 20)];

    /// <summary>Every seed of the 6c sweep, with its faults (maelstrom-tests.sh --sweep 20).</summary>
    [Theory]
    [MemberData(nameof(SweepSeeds))]
    public void EveryNodeHoldsTheSameValueOfEveryKeyWithinASecondOfTheHeal(int seed)
    {
        var c = Measure(seed, ChallengeSteps.Get("6c").SweepFaults);
        output.WriteLine($"seed {seed}: {c.Valid}, {c.Keys} keys, settled {c.After.TotalMilliseconds:0.#} ms after the heal");

        Assert.True(c.Valid == Validity.True, $"seed {seed}: {c.Valid}");
        Assert.True(c.Keys > 100, $"only {c.Keys} keys were read");
        Assert.Equal(2, c.FinalState.Count);
        Assert.Single(c.FinalState.Values.Distinct());
        Assert.True(c.After <= Within, $"seed {seed}: nodes settled {c.After.TotalMilliseconds} ms after the heal");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    public void PartitionsAloneConvergeToo(int seed)
    {
        var c = Measure(seed, "partition");
        output.WriteLine($"seed {seed}: {c.Valid}, {c.Keys} keys, settled {c.After.TotalMilliseconds:0.#} ms after the heal");

        Assert.True(c.Valid == Validity.True, $"seed {seed}: {c.Valid}");
        Assert.Single(c.FinalState.Values.Distinct());
        Assert.True(c.After <= Within, $"seed {seed}: nodes settled {c.After.TotalMilliseconds} ms after the heal");
    }
}
