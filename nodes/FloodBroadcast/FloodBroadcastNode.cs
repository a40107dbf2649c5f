using System.Text.Json.Nodes;
using Glomers.NodeRuntime;

namespace Glomers.FloodBroadcast;

/// <summary>
/// Broadcast in two rules. Flood: a value a node learns for the first time goes to every neighbour
/// of the suggested topology but the one it came from. Repair: every --repair-ms each node sends
/// everything it knows to one neighbour picked at random, which brings back what a partition dropped.
/// With --repair-ms 0 it is the naive flood that loses values under partitions.
/// </summary>
public sealed class FloodBroadcastNode
{
    private readonly Node node;
    private readonly SortedSet<long> seen = [];
    private IReadOnlyList<string> neighbours = [];

    public FloodBroadcastNode(Node node, FloodBroadcastOptions options)
    {
        this.node = node;
        node.On("topology", request =>
        {
            if (request.Required("topology")[node.Id] is JsonArray mine) neighbours = [.. mine.Select(n => n!.ToString())];
            node.Reply(request, new JsonObject { ["type"] = "topology_ok" });
        });
        node.On("broadcast", request =>
        {
            Learn([request.GetInt64("message")], from: request.Src);
            node.Reply(request, new JsonObject { ["type"] = "broadcast_ok" });
        });
        node.On("read", request => node.Reply(request, new JsonObject
        {
            ["type"] = "read_ok",
            ["messages"] = new JsonArray([.. seen.Select(v => (JsonNode)v)]),
        }));
        // Gossip is fire-and-forget: no reply, no retry. A lost one is made good by repair.
        node.On("gossip", request =>
        {
            if (request.Required("messages") is JsonArray values) Learn(values.Select(v => (long)v!), from: request.Src);
        });
        if (options.RepairMs > 0) node.OnInit(() => node.Every(TimeSpan.FromMilliseconds(options.RepairMs), Repair));
    }

    private void Learn(IEnumerable<long> values, string from)
    {
        var fresh = values.Where(seen.Add).ToList();
        if (fresh.Count == 0) return;
        foreach (var peer in neighbours.Where(p => p != from)) Gossip(peer, fresh);
    }

    private void Repair()
    {
        if (neighbours.Count > 0 && seen.Count > 0) Gossip(neighbours[node.Random.Next(neighbours.Count)], seen);
    }

    private void Gossip(string peer, IEnumerable<long> values) =>
        node.Send(peer, new JsonObject { ["type"] = "gossip", ["messages"] = new JsonArray([.. values.Select(v => (JsonNode)v)]) });
}
