namespace Glomers.Broadcast.Gossip;

/// <summary>
/// Who a node passes newly learned values on to. Built from node_ids alone: the topology
/// Maelstrom suggests (line, tree, grid) has no bearing on delivery here.
/// </summary>
public sealed class Overlay
{
    private readonly string self;
    private readonly IReadOnlyList<string> others;

    public Overlay(BroadcastMode mode, string self, IReadOnlyList<string> nodeIds)
    {
        if (!nodeIds.Contains(self)) throw new ArgumentException($"{self} is not among the node ids {string.Join(",", nodeIds)}");
        Mode = mode;
        this.self = self;
        others = [.. nodeIds.Where(n => n != self)];
        // node_ids comes in the same order to every node, so all agree on the hub without a message.
        Hub = mode == BroadcastMode.Hub ? nodeIds[0] : null;
    }

    public BroadcastMode Mode { get; }

    /// <summary>The hub in hub mode, else null.</summary>
    public string? Hub { get; }

    public bool IsHub => Hub == self;

    /// <summary>The nodes to tell about values that came from <paramref name="source"/> (null: a client).</summary>
    public IReadOnlyList<string> Targets(string? source) => Mode switch
    {
        // The receiver of a client's value reaches everyone itself; nodes never relay.
        BroadcastMode.Direct => source is null ? others : [],
        // The hub relays to every leaf but the one the values came from.
        _ when IsHub => source is null ? others : [.. others.Where(n => n != source)],
        // A leaf hands to the hub whatever the hub cannot have told it.
        _ => source == Hub ? [] : [Hub!],
    };

    /// <summary>
    /// The peers this node checks its set against when the overlay falls quiet: a leaf its hub, a
    /// direct node anyone. The hub waits for its leaves, so each link is checked from one end only.
    /// </summary>
    public IReadOnlyList<string> SyncPeers => Mode switch
    {
        BroadcastMode.Direct => others,
        _ when IsHub => [],
        _ => [Hub!],
    };
}
