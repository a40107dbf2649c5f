using System.Text.Json.Nodes;
using Glomers.Harness.Checkers;
using Glomers.Harness.Cli;
using Glomers.Harness.Core;

namespace Glomers.Harness.Tests.Sim;

/// <summary>
/// --probe-convergence: the bench reads every node after the final heal and says when the last one
/// held every acknowledged value, without touching the history the checkers see.
/// </summary>
public sealed class ConvergenceProbeTests
{
    // A partition from t = 0 whose first gap (uniform in [0, 200] s) outlasts the 6 s run, so one is on at the end.
    private static readonly string[] CutAtEnd =
        ["--node-count", "5", "--time-limit", "6", "--rate", "20", "--nemesis", "partition", "--nemesis-interval", "100", "--recovery-time", "3"];

    private static SimBench.Run Flood(string[] flags, int repairMs, long seed = 3) =>
        SimBench.Execute(SimBench.Options("broadcast", "FloodBroadcast", "sim", seed, [.. flags, "--", "--repair-ms", repairMs.ToString(System.Globalization.CultureInfo.InvariantCulture)]));

    [Fact]
    public void ANodeThatRepairsConvergesAndTheTimeCountsFromTheHeal()
    {
        var run = Flood([.. CutAtEnd, "--probe-convergence", "10"], repairMs: 500);

        var c = run.Results["convergence"]!.AsObject();
        Assert.Equal(Validity.True, run.Valid);
        Assert.True((bool)c["fault-at-end?"]!);
        Assert.True((bool)c["converged?"]!);
        Assert.Equal(6.0, (double)c["healed-at-s"]!);
        var perNode = c["nodes"]!.AsObject().ToDictionary(kv => kv.Key, kv => (long)kv.Value!);
        Assert.Equal(5, perNode.Count);
        Assert.Equal(perNode.Values.Max(), (long)c["ms"]!);
        // Some node was cut off from values, so it needed at least one repair round after the heal.
        Assert.InRange((long)c["ms"]!, 10, 3000);
        var acknowledged = run.HistoryOps.Count(o => SimBench.Run.Text(o, "f") == "broadcast" && SimBench.Run.Text(o, "type") == "ok");
        Assert.Equal(acknowledged, (long)c["acknowledged"]!);
    }

    [Fact]
    public void ANodeThatNeverRepairsNeverConvergesAndTheProbeSaysWhatIsMissing()
    {
        var run = Flood([.. CutAtEnd, "--probe-convergence", "50"], repairMs: 0);

        var c = run.Results["convergence"]!.AsObject();
        Assert.Equal(Validity.False, run.Valid);
        Assert.False((bool)c["converged?"]!);
        Assert.Null(c["ms"]);
        var missing = c["missing-at-last-read"]!.AsObject();
        Assert.NotEmpty(missing);
        Assert.All(missing, kv => Assert.True((long)kv.Value! > 0));
        Assert.All(missing, kv => Assert.Null(c["nodes"]![kv.Key]));
    }

    [Fact]
    public void TheProbeLeavesTheHistoryAsItWas()
    {
        var plain = Flood(CutAtEnd, repairMs: 500);
        var probed = Flood([.. CutAtEnd, "--probe-convergence", "10"], repairMs: 500);

        Assert.Equal(plain.History, probed.History);
        Assert.Null(plain.Results["convergence"]);
        Assert.Equal(plain.Results["net"]!["servers"]!.ToJsonString(), probed.Results["net"]!["servers"]!.ToJsonString());
        // The probe's reads are messages between clients and nodes like any other.
        Assert.True(probed.MessageEvents.Count > plain.MessageEvents.Count);
    }

    [Fact]
    public void AWorkloadWithoutASetToReadIsRefused()
    {
        var options = SimBench.Options("g-counter", "LocalCounter", "sim", 1, "--time-limit", "1", "--probe-convergence", "10");

        var e = Assert.Throws<BenchException>(() => TestCommand.Execute(options, null));
        Assert.Contains("broadcast and g-set", e.Message);
    }

    [Fact]
    public void TheReplayCommandKeepsTheProbe()
    {
        var options = SimBench.Options("broadcast", "FloodBroadcast", "sim", 1, "--probe-convergence", "25");

        Assert.Contains("--probe-convergence 25", CommandText.Of(options));
        Assert.Equal(25, CommandLine.ParseTest(CommandText.Of(options).Split(' ').Skip(2).ToArray()).ProbeConvergenceMs);
    }
}
