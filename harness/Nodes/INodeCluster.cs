using Glomers.Harness.Network;

namespace Glomers.Harness.Nodes;

/// <summary>The nodes under test, as network endpoints: processes, or (in sim mode) instances in this process.</summary>
public interface INodeCluster : IAsyncDisposable
{
    IReadOnlyList<IEndpoint> Nodes { get; }

    /// <summary>Raised on the scheduler when a node stops on its own (exit, crash), with a description.</summary>
    event Action<string, string>? NodeStopped;

    /// <summary>Starts every node. Their output goes to the network from then on.</summary>
    void Start();
}
