using Glomers.Harness.Checkers.Kafka;
using Glomers.Harness.History;

namespace Glomers.Harness.Checkers;

/// <summary>The checker Maelstrom uses for each workload the bench knows.</summary>
public static class WorkloadCheckers
{
    public static IReadOnlyList<string> Known { get; } = ["echo", "unique-ids", "broadcast", "g-set", "g-counter", "pn-counter", "kafka"];

    public static IChecker For(string workload) => workload switch
    {
        "echo" => new EchoChecker(),
        "unique-ids" => new UniqueIdsChecker(),
        "broadcast" => new SetFullChecker(WorkloadOps.Broadcast),
        "g-set" => new SetFullChecker(WorkloadOps.Add),
        "g-counter" or "pn-counter" => new CounterChecker(),
        "kafka" => new KafkaChecker(),
        "txn-rw-register" or "lin-kv" => new NoCheckerYet(workload),
        _ => throw new ArgumentException(
            $"no checker for workload '{workload}'; known workloads: {string.Join(", ", Known)}", nameof(workload)),
    };
}
