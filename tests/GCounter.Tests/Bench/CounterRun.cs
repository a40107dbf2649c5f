using System.Text.Json.Nodes;
using Glomers.Harness.Checkers;
using Glomers.Tests.Shared;
using static Glomers.Tests.Shared.InProcessBench;

namespace Glomers.GCounter.Tests.Bench;

/// <summary>One run of the real bench on the GCounter node built with these tests, and what the challenge checks.</summary>
public sealed record CounterRun(Validity Valid, double MsgsPerOp, JsonArray FinalReads, JsonArray Acceptable)
{
    public static CounterRun Execute(string workload, string mode, int seed, string flags) =>
        Figures(Run(workload, "GCounter", mode, seed, flags));

    /// <summary>A step of challenge-steps.txt in simulation, with flags added after its own.</summary>
    public static CounterRun Step(string step, int seed, string extraFlags = "") =>
        Figures(Run(ChallengeSteps.Get(step), "sim", seed, extraFlags));

    private static CounterRun Figures((Validity Valid, JsonObject Results) run)
    {
        var (valid, results) = run;
        var checker = results["workload"] as JsonObject;
        return new CounterRun(
            valid,
            Number(results["net"]?["servers"]?["msgs-per-op"]),
            (checker?["final-reads"] as JsonArray)?.DeepClone().AsArray() ?? [],
            (checker?["acceptable"] as JsonArray)?.DeepClone().AsArray() ?? []);
    }

    public override string ToString() =>
        $"{Valid}: {MsgsPerOp:0.###} msgs-per-op, final reads {FinalReads.ToJsonString()}, acceptable {Acceptable.ToJsonString()}";
}
