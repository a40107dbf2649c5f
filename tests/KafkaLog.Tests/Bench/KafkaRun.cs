using Glomers.Harness.Checkers;
using static Glomers.Tests.Shared.InProcessBench;

namespace Glomers.KafkaLog.Tests.Bench;

/// <summary>One run of the real bench on the KafkaLog node built with these tests, and the figures step 5 is judged by.</summary>
public sealed record KafkaRun(Validity Valid, double MsgsPerOp, double Availability, long SendsOk, string ErrorTypes)
{
    public static KafkaRun Execute(string mode, int seed, string flags, string nodeArgs = "")
    {
        var (valid, results) = Run("kafka", "KafkaLog", mode, seed, flags, nodeArgs);
        return new KafkaRun(
            valid,
            Number(results["net"]?["servers"]?["msgs-per-op"]),
            Number(results["availability"]?["ok-fraction"]),
            (long)Number(results["stats"]?["by-f"]?["send"]?["ok-count"]),
            results["workload"]?["error-types"]?.ToJsonString() ?? "?");
    }

    public override string ToString() =>
        $"{Valid}: {MsgsPerOp:0.####} msgs-per-op, availability {Availability:0.#####}, {SendsOk} sends ok, error types {ErrorTypes}";
}
