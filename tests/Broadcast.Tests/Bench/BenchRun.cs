using System.Text.Json.Nodes;
using Glomers.Harness.Checkers;
using static Glomers.Tests.Shared.InProcessBench;

namespace Glomers.Broadcast.Tests.Bench;

/// <summary>
/// One run of the real bench in sim mode (in-process, virtual time: one seed gives one run) on the
/// Broadcast node built with these tests, and the figures the challenge bars are about.
/// </summary>
public sealed record BenchRun(Validity Valid, double MsgsPerOp, double MedianMs, double MaxMs, double ConvergeMs = double.NaN)
{
    public static BenchRun Broadcast(string benchFlags, string nodeArgs, int seed)
    {
        var (valid, results) = Run("broadcast", "Broadcast", "sim", seed, benchFlags, nodeArgs);
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
