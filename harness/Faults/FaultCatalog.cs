using Glomers.Harness.Core;

namespace Glomers.Harness.Faults;

/// <summary>The faults the bench knows, by name, in the order the nemesis runs them.</summary>
public static class FaultCatalog
{
    private static readonly (string Name, string Help, bool NeedsNodes, Func<FaultContext, Fault> Create)[] Entries =
    [
        ("partition", "Jepsen's partition shapes between server nodes", false, c => new PartitionFault(c)),
        ("one-way", "drop one direction of traffic between two groups of nodes", false, c => new OneWayFault(c)),
        ("pause", "stop nodes' processing (SIGSTOP), then let them go on with their state", true, c => new PauseFault(c)),
        ("kill", "kill nodes and restart them with empty memory, then init them again", true, c => new KillFault(c)),
        ("duplicate", $"deliver {DuplicateFault.Percent}% of messages between nodes twice", false, c => new DuplicateFault(c)),
        ("slow", "run nodes as on a busy machine: each message in or out costs processing time, nodes stall for tens to hundreds of ms (sim mode)",
            true, c => new SlowFault(c)),
    ];

    public static IReadOnlyList<string> Names { get; } = [.. Entries.Select(e => e.Name)];

    /// <summary>One line per fault for --help.</summary>
    public static IEnumerable<(string Name, string Help)> Help => Entries.Select(e => (e.Name, e.Help));

    public static bool IsKnown(string name) => Entries.Any(e => e.Name == name);

    /// <summary>Refuses an unknown fault name with the known ones listed.</summary>
    public static void Require(string name) => Find(name);

    /// <summary>True for the faults that act on node processes, which every cluster must support.</summary>
    public static bool NeedsNodes(string name) => Find(name).NeedsNodes;

    public static Fault Create(string name, FaultContext context)
    {
        var entry = Find(name);
        if (entry.NeedsNodes && context.Nodes is null)
            throw new BenchException($"--nemesis {name} needs a cluster that can pause and kill its nodes");
        return entry.Create(context);
    }

    private static (string Name, string Help, bool NeedsNodes, Func<FaultContext, Fault> Create) Find(string name) =>
        Entries.FirstOrDefault(e => e.Name == name) is { Name: not null } e ? e
            : throw new BenchException($"--nemesis: unknown fault '{name}' (known: {string.Join(", ", Names)})");
}
