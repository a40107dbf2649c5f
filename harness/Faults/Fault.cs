using Glomers.Harness.Core;
using Glomers.Harness.History;

namespace Glomers.Harness.Faults;

/// <summary>What a fault may act on: the network, the nodes (where the cluster can pause and kill them) and the bench.</summary>
/// <param name="Init">Sends init to a restarted node; returns why it failed, or null.</param>
public sealed record FaultContext(
    IReadOnlyList<string> NodeIds,
    Scheduler Scheduler,
    INetworkFaults Network,
    INodeFaults? Nodes,
    Func<string, Task<string?>> Init,
    Action<Finding> Report)
{
    /// <summary>The busy-machine model under the nodes, where the cluster has one (sim mode).</summary>
    public INodeLoad? Load => Nodes as INodeLoad;
}

/// <summary>
/// One fault of --nemesis in one test (its <see cref="FaultKind"/> says what it needs). The nemesis alternates <see cref="Start"/> and <see cref="StopAsync"/>;
/// each returns what it did, in words, for the history and the console.
/// </summary>
public abstract class Fault(FaultContext context)
{
    protected FaultContext Context { get; } = context;

    /// <summary>The fault's name on the command line and in the history (start-NAME, stop-NAME).</summary>
    public abstract string Name { get; }

    /// <summary>Starts the fault; <paramref name="random"/> is the fault's own stream for its choices.</summary>
    public abstract string Start(Random random);

    public abstract Task<string> StopAsync();
}
