namespace Glomers.Harness.Network;

/// <summary>Anything with a node id on the simulated network: a node, a service or a client.</summary>
public interface IEndpoint
{
    string Id { get; }

    /// <summary>Hands over one message line, exactly as Maelstrom writes it (with the network's "id").</summary>
    void Deliver(Envelope message);
}
