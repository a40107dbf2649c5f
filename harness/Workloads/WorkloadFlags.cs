using System.Globalization;
using Glomers.Harness.Cli;
using Glomers.Harness.Core;
using Glomers.Harness.Workloads.Broadcast;

namespace Glomers.Harness.Workloads;

/// <summary>The flags workloads read beyond the common ones, each defined once; a workload's descriptor lists those it reads.</summary>
public static class WorkloadFlags
{
    private static readonly TestOptions Defaults = new();

    /// <summary>The models --consistency-models accepts: Elle's names.</summary>
    public static readonly string[] ConsistencyModelNames =
    [
        "read-uncommitted", "read-committed", "repeatable-read", "snapshot-isolation", "serializable",
        "strict-serializable", "linearizable", "sequential", "causal", "monotonic-atomic-view", "consistent-view",
        "cursor-stability", "update-serializable", "strong-session-serializable", "strong-snapshot-isolation",
    ];

    public static WorkloadFlag Topology { get; } = new("--topology", "NAME",
        $"{string.Join(" | ", Topologies.Names)} (default grid)",
        (o, t) => Topologies.Names.Contains(t)
            ? o with { Topology = t }
            : throw new BenchException($"--topology: unknown topology '{t}' (known: {string.Join(", ", Topologies.Names)})"),
        o => o.Topology == Defaults.Topology ? null : o.Topology);

    public static WorkloadFlag KeyCount { get; } = new("--key-count", "N", "active keys at any time (default 10)",
        (o, v) => o with { KeyCount = FlagValues.PositiveInt("--key-count", v) },
        o => o.KeyCount is { } k ? Int(k) : null);

    public static WorkloadFlag MaxTxnLength { get; } = new("--max-txn-length", "N", "most micro-ops in a transaction (default 4)",
        (o, v) => o with { MaxTxnLength = FlagValues.PositiveInt("--max-txn-length", v) },
        o => o.MaxTxnLength == Defaults.MaxTxnLength ? null : Int(o.MaxTxnLength));

    public static WorkloadFlag MaxWritesPerKey { get; } = new("--max-writes-per-key", "N", "most writes to one key (default 16)",
        (o, v) => o with { MaxWritesPerKey = FlagValues.PositiveInt("--max-writes-per-key", v) },
        o => o.MaxWritesPerKey == Defaults.MaxWritesPerKey ? null : Int(o.MaxWritesPerKey));

    public static WorkloadFlag ConsistencyModels { get; } = new("--consistency-models", "M",
        "comma-separated models the history is checked against (default strict-serializable);\nMaelstrom itself needs spaces around the commas",
        (o, v) =>
        {
            var models = v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            foreach (var m in models.Where(m => !ConsistencyModelNames.Contains(m)))
                throw new BenchException($"--consistency-models: unknown model '{m}'");
            return o with { ConsistencyModels = models };
        },
        o => o.ConsistencyModels.SequenceEqual(Defaults.ConsistencyModels) ? null : string.Join(",", o.ConsistencyModels));

    public static WorkloadFlag ProbeConvergence { get; } = new("--probe-convergence", "MS",
        "read every node every MS ms from the final heal on (reads kept out of the history) and\nreport in results.json when each node first held every acknowledged value (default off)",
        (o, v) => o with { ProbeConvergenceMs = FlagValues.Positive("--probe-convergence", v) },
        o => o.ProbeConvergenceMs == Defaults.ProbeConvergenceMs ? null : o.ProbeConvergenceMs.ToString("R", CultureInfo.InvariantCulture))
    {
        OnlyWhereRead = ("reads a set from every node", o => o.ProbeConvergenceMs > 0),
    };

    private static string Int(int n) => n.ToString(CultureInfo.InvariantCulture);
}
