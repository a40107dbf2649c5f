using System.Text.Json.Nodes;
using Glomers.NodeRuntime;

namespace Glomers.SimNodes.FloodBroadcast;

/// <summary>
/// A plain broadcast node for the bench's own tests and timings: a new value is flooded to the
/// topology's neighbours, and every --repair-ms (default 1000) each node sends everything it knows to one neighbour
/// picked at random, which repairs what partitions dropped. It uses timers, randomness and
/// node-to-node traffic, which is what the simulator has to replay exactly.
/// </summary>
public sealed class FloodBroadcastNode
{
    /// <summary>Options from the command line: --repair-ms N (0 turns repair off).</summary>
    public sealed class Options
    {
        public int RepairMs { get; set; } = 1000;
    }

    private readonly Node node;
    private readonly SortedSet<long> seen = [];
    private IReadOnlyList<string> neighbours = [];

    public FloodBroadcastNode(Node node, Options options)
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
