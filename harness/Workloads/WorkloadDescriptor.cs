using Glomers.Harness.Checkers;
using Glomers.Harness.Cli;

namespace Glomers.Harness.Workloads;

/// <summary>
/// Everything the bench knows of one workload, in one place: its name (Maelstrom's), its help text,
/// the flags it reads, which options it refuses, how to make its generator, clients and final phase
/// for a test, and the checker that judges its histories. <see cref="WorkloadCatalog"/> lists them all.
/// </summary>
public sealed record WorkloadDescriptor
{
    public required string Name { get; init; }

    /// <summary>What the clients do and what the checker asks, for --help.</summary>
    public required string Help { get; init; }

    /// <summary>The flags it reads beyond the common ones, in the order --help lists them.</summary>
    public IReadOnlyList<WorkloadFlag> Flags { get; init; } = [];

    /// <summary>Why the options do not suit the workload (lin-kv's concurrency), or null when they do.</summary>
    public Func<TestOptions, string?> Refusal { get; init; } = _ => null;

    /// <summary>A fresh generator, clients and final phase for one test (generators keep state).</summary>
    public required Func<TestOptions, IWorkload> Create { get; init; }

    /// <summary>The checker Maelstrom uses for the workload: a pure function of the history.</summary>
    public required Func<IChecker> Checker { get; init; }
}
