using Glomers.Harness.Cli;

namespace Glomers.Harness.Workloads;

/// <summary>
/// A flag that only some workloads read: its name, the word for its value and its help line, and
/// how its value sets the options (throwing <see cref="Core.BenchException"/> on a bad value), and
/// how the options write it back for the command that replays a run (null when it has its default).
/// Maelstrom accepts its flags with every workload, and so does the bench; a flag of the bench's own
/// has <see cref="OnlyWhereRead"/> and is refused by a workload that does not read it.
/// </summary>
public sealed record WorkloadFlag(string Name, string Value, string Help, Func<TestOptions, string, TestOptions> Apply, Func<TestOptions, string?> Written)
{
    /// <summary>What the flag does, for the refusal, and whether the options ask for it.</summary>
    public (string Does, Func<TestOptions, bool> IsSet)? OnlyWhereRead { get; init; }
}
