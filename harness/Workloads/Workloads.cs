using Glomers.Harness.Cli;
using Glomers.Harness.Workloads.Kafka;

namespace Glomers.Harness.Workloads;

/// <summary>The workloads the bench knows, by Maelstrom's names.</summary>
public static class Workloads
{
    /// <summary>Maelstrom's default client timeout.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMilliseconds(5000);

    public static readonly string[] Names =
        ["echo", "unique-ids", "broadcast", "g-set", "g-counter", "pn-counter", "kafka", "txn-rw-register", "lin-kv"];

    /// <summary>A fresh workload (generators keep state) for a test with <paramref name="options"/> (Maelstrom's defaults when null).</summary>
    /// <exception cref="Core.BenchException">The options do not suit the workload (lin-kv's concurrency).</exception>
    public static IWorkload Create(string name, TestOptions? options = null)
    {
        options ??= new TestOptions { Workload = name };
        return name switch
        {
            "echo" => new EchoWorkload(),
            "unique-ids" => new UniqueIdsWorkload(),
            "broadcast" => new BroadcastWorkload(),
            "g-set" => new GSetWorkload(),
            "g-counter" => new CounterWorkload(growOnly: true),
            "pn-counter" => new CounterWorkload(growOnly: false),
            "kafka" => new KafkaWorkload(options),
            "txn-rw-register" => new TxnRwRegisterWorkload(options),
            "lin-kv" => new LinKvWorkload(options),
            _ => throw new ArgumentException($"unknown workload '{name}'"),
        };
    }
}
