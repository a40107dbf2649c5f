namespace Glomers.Harness.Workloads;

/// <summary>The workloads the bench knows, by Maelstrom's names.</summary>
public static class Workloads
{
    /// <summary>Maelstrom's default client timeout.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMilliseconds(5000);

    public static readonly string[] Names = ["echo", "unique-ids", "broadcast", "g-set", "g-counter", "pn-counter"];

    public static IWorkload Create(string name) => name switch
    {
        "echo" => new EchoWorkload(),
        "unique-ids" => new UniqueIdsWorkload(),
        "broadcast" => new BroadcastWorkload(),
        "g-set" => new GSetWorkload(),
        "g-counter" => new CounterWorkload(growOnly: true),
        "pn-counter" => new CounterWorkload(growOnly: false),
        _ => throw new ArgumentException($"unknown workload '{name}'"),
    };
}
