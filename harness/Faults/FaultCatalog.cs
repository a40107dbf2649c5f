using Glomers.Harness.Cli;
using Glomers.Harness.Core;

namespace Glomers.Harness.Faults;

/// <summary>
/// The faults the bench knows, in the order the nemesis runs them: the one list --nemesis, --help
/// and the nemesis read. A new fault is a <see cref="Fault"/> type with its <see cref="FaultKind"/>, and a line here.
/// </summary>
public static class FaultCatalog
{
    public static IReadOnlyList<FaultKind> All { get; } =
    [
        PartitionFault.Kind,
        OneWayFault.Kind,
        PauseFault.Kind,
        KillFault.Kind,
        DuplicateFault.Kind,
        SlowFault.Kind,
    ];

    public static IReadOnlyList<string> Names { get; } = [.. All.Select(k => k.Name)];

    /// <summary>One line per fault for --help.</summary>
    public static IEnumerable<(string Name, string Help)> Help => All.Select(k => (k.Name, k.Help));

    public static bool IsKnown(string name) => All.Any(k => k.Name == name);

    /// <summary>Refuses an unknown fault name with the known ones listed.</summary>
    public static void Require(string name) => Find(name);

    /// <exception cref="BenchException">An unknown name, with the known ones listed.</exception>
    public static FaultKind Find(string name) =>
        All.FirstOrDefault(k => k.Name == name)
        ?? throw new BenchException($"--nemesis: unknown fault '{name}' (known: {string.Join(", ", Names)})");

    /// <summary>Why a test with these options cannot run on real processes (a busy machine is modelled in sim mode only), or null.</summary>
    public static string? ProcessModeRefusal(TestOptions options) =>
        options.Busy || options.Nemesis.Any(f => Find(f).Needs.HasFlag(FaultNeeds.MachineLoad)) ? SlowFault.ProcessModeRefusal : null;

    /// <summary>The fault for one test, once the cluster is known to give it what it needs.</summary>
    /// <exception cref="BenchException">The cluster lacks what the fault needs.</exception>
    public static Fault Create(string name, FaultContext context)
    {
        var kind = Find(name);
        if (kind.Needs.HasFlag(FaultNeeds.NodeProcesses) && context.Nodes is null)
            throw new BenchException($"--nemesis {name} needs a cluster that can pause and kill its nodes");
        if (kind.Needs.HasFlag(FaultNeeds.MachineLoad) && context.Load is null)
            throw new BenchException(SlowFault.ProcessModeRefusal);
        return kind.Create(context);
    }
}
