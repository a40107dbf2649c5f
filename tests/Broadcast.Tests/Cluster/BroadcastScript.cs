using System.Globalization;
using System.Text.Json.Nodes;
using Glomers.Harness.Core;
using Glomers.Harness.Workloads;
using Glomers.Harness.Workloads.Broadcast;

namespace Glomers.Broadcast.Tests.Cluster;

/// <summary>The broadcast workload's requests as steps of a <see cref="Simulation"/> of broadcast nodes, each checked for its reply.</summary>
internal static class BroadcastScript
{
    /// <summary>Broadcast nodes on the bench's simulation with 100 ms between nodes, as in the challenge.</summary>
    public static Simulation Nodes(int size, BroadcastOptions options, int latencyMs = 100) =>
        new(typeof(BroadcastNode), size, latencyMs, seed: 1, Arguments(options));

    /// <summary>The node's command line for <paramref name="options"/>: the settings the simulation binds, as the binary would.</summary>
    public static string[] Arguments(BroadcastOptions options)
    {
        var args = new List<string> { "--mode", options.Mode };
        if (options.BatchMs is { } batch) args.AddRange(["--batch-ms", Text(batch)]);
        args.AddRange(["--hub-window-ms", Text(options.HubWindowMs), "--anti-entropy-ms", Text(options.AntiEntropyMs), "--settle-ms", Text(options.SettleMs)]);
        return [.. args];
    }

    /// <summary>Sends each node the neighbours Maelstrom's --topology gives it, and checks the answer.</summary>
    public static void SendTopology(this Simulation sim, string name)
    {
        var map = Topologies.Build(name, sim.NodeIds);
        foreach (var node in sim.NodeIds)
        {
            var topology = new JsonObject();
            foreach (var (n, neighbours) in map) topology[n] = new JsonArray([.. neighbours.Select(x => (JsonNode)JsonValue.Create(x))]);
            Expect(sim.Call(node, new JsonObject { ["type"] = "topology", ["topology"] = topology }), "topology_ok");
        }
    }

    public static void Broadcast(this Simulation sim, string node, long value) =>
        Expect(sim.Call(node, new JsonObject { ["type"] = "broadcast", ["message"] = value }), "broadcast_ok");

    /// <summary>The values a node reads, in order.</summary>
    public static long[] Read(this Simulation sim, string node)
    {
        var reply = Expect(sim.Call(node, new JsonObject { ["type"] = "read" }), "read_ok");
        return [.. reply["messages"]!.AsArray().Select(v => v!.GetValue<long>()).Order()];
    }

    public static void RunMs(this Simulation sim, int ms) => sim.Run(TimeSpan.FromMilliseconds(ms));

    private static JsonObject Expect(JsonObject reply, string type) =>
        reply["type"]?.ToString() == type ? reply : throw new InvalidOperationException($"expected {type}, got {reply.ToJsonString()}");

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
