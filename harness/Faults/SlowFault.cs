using Glomers.Harness.Core;
using Glomers.NodeRuntime.Randomness;

namespace Glomers.Harness.Faults;

/// <summary>
/// While on, every node runs as on a busy machine (<see cref="SlowModel"/>): each message costs
/// processing time and nodes stall at random. Each node draws from its own stream, seeded from the
/// fault's, so one node's work does not shift another's stalls. Sim mode only: a process-mode run
/// already runs on the machine's real load.
/// </summary>
public sealed class SlowFault(FaultContext context) : Fault(context)
{
    public const string ProcessModeRefusal =
        "--nemesis slow and --busy model a busy machine in --mode sim; in process mode the nodes run on the machine's real load "
        + "(to load it, run a CPU hog beside the bench, such as stress-ng --cpu 2)";

    private readonly INodeLoad load = context.Load ?? throw new BenchException(ProcessModeRefusal);

    public static FaultKind Kind { get; } = new("slow", "run nodes as on a busy machine: each message in or out costs processing time, nodes stall for tens to hundreds of ms (sim mode)", FaultNeeds.MachineLoad, c => new SlowFault(c));

    public override string Name => Kind.Name;

    public override string Start(Random random)
    {
        foreach (var n in Context.NodeIds) load.Slow(n, new SeededRandom(random.NextInt64(), "slow/" + n));
        return "nodes slow: " + load.Model.Describe();
    }

    public override Task<string> StopAsync()
    {
        foreach (var n in Context.NodeIds) load.Slow(n, null);
        return Task.FromResult("nodes at full speed");
    }
}
