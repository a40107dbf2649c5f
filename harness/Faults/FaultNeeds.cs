namespace Glomers.Harness.Faults;

/// <summary>What a fault needs from the cluster it runs on.</summary>
[Flags]
public enum FaultNeeds
{
    /// <summary>Cuts and duplicates on the network (<see cref="INetworkFaults"/>): every cluster has them.</summary>
    Network = 1,

    /// <summary>Pausing and killing node processes (<see cref="INodeFaults"/>): both modes.</summary>
    NodeProcesses = 2,

    /// <summary>A model of a busy machine under the nodes (<see cref="INodeLoad"/>): sim mode only.</summary>
    MachineLoad = 4,
}
