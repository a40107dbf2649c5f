using System.Text.Json.Nodes;
using Glomers.Harness.Checkers;
using Glomers.Tests.Shared;
using static Glomers.Tests.Shared.InProcessBench;

namespace Glomers.Broadcast.Tests.Bench;

/// <summary>
/// One run of the real bench in sim mode (in-process, virtual time: one seed gives one run) on the
/// Broadcast node built with these tests, and the figures the challenge bars are about.
/// </summary>
public sealed record BenchRun(Validity Valid, double MsgsPerOp, double MedianMs, double MaxMs, double ConvergeMs = double.NaN)
{
    public static BenchRun Broadcast(string benchFlags, string nodeArgs, int seed) =>
        Figures(Run("broadcast", "Broadcast", "sim", seed, benchFlags, nodeArgs));

    /// <summary>A step of challenge-steps.txt, with flags added after its own and, if given, other node arguments.</summary>
    public static BenchRun Step(string step, int seed, string extraFlags = "", string? nodeArgs = null) =>
        Figures(Run(ChallengeSteps.Get(step), "sim", seed, extraFlags, nodeArgs));

    private static BenchRun Figures((Validity Valid, JsonObject Results) run)
    {
        var (valid, results) = run;
        var latencies = results["workload"]?["stable-latencies"] as JsonObject;
        return new BenchRun(
            valid,
            Number(results["net"]?["servers"]?["msgs-per-op"]),
            Number(latencies?["0.5"]),
            Number(latencies?["1"]),
            Number(results["convergence"]?["ms"]));
    }

    public override string ToString() => $"{Valid}: {MsgsPerOp:0.###} msgs-per-op, median {MedianMs} ms, max {MaxMs} ms, converged {ConvergeMs} ms after the heal";
}
