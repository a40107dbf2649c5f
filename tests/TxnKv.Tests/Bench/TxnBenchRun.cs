using Glomers.Harness.Checkers;
using static Glomers.Tests.Shared.InProcessBench;

namespace Glomers.TxnKv.Tests.Bench;

/// <summary>One run of the real bench on the TxnKv node built with these tests, and the figures the challenge is judged by.</summary>
public sealed record TxnBenchRun(Validity Valid, double MsgsPerOp, double Availability, long OkCount, string AnomalyTypes)
{
    public static TxnBenchRun Execute(string mode, int seed, string flags, string nodeArgs = "")
    {
        var (valid, results) = Run("txn-rw-register", "TxnKv", mode, seed, flags, nodeArgs);
        return new TxnBenchRun(
            valid,
            Number(results["net"]?["servers"]?["msgs-per-op"]),
            Number(results["availability"]?["ok-fraction"]),
            (long)Number(results["stats"]?["ok-count"]),
            results["workload"]?["anomaly-types"]?.ToJsonString() ?? "[]");
    }

    public override string ToString() =>
        $"{Valid}: {MsgsPerOp:0.###} msgs-per-op, availability {Availability}, {OkCount} ok, anomalies {AnomalyTypes}";
}
