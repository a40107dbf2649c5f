using System.Text.Json.Nodes;
using Glomers.Harness.Cli;
using Glomers.Harness.History;

namespace Glomers.Harness.Workloads;

/// <summary>
/// broadcast: half the ops broadcast the next integer (0, 1, 2, …), half read; each node first gets
/// the topology; a final read on every worker after recovery.
/// </summary>
public sealed class BroadcastWorkload : IWorkload, ISetConvergence
{
    private long next;

    public string Name => "broadcast";
    public bool HasFinalPhase => true;
    public IReadOnlySet<string>? IdempotentFs { get; } = new HashSet<string> { "read" };
    public TimeSpan ClientTimeout => Workloads.DefaultTimeout;

    public Invocation Next(Random random, int thread) =>
        random.Next(2) == 0 ? new("broadcast", next++) : new("read", null);

    public Invocation Final(int thread) => new("read", null, Final: true);

    public JsonObject Request(Invocation op) => op.F == "broadcast"
        ? new() { ["type"] = "broadcast", ["message"] = op.Value?.DeepClone() }
        : new() { ["type"] = "read" };

    public JsonNode? Complete(Invocation op, JsonObject reply)
    {
        if (op.F == "broadcast")
        {
            ReplySchema.Check(reply, "broadcast_ok");
            return op.Value?.DeepClone();
        }
        ReplySchema.Check(reply, "read_ok", ("messages", ReplySchema.IsArray, "an array"));
        return reply["messages"]!.DeepClone();
    }

    public (JsonObject Request, string ReplyType)? Setup(string node, TestOptions options)
    {
        var topology = new JsonObject();
        foreach (var (n, neighbours) in Topologies.Build(options.Topology, options.NodeIds))
            topology[n] = new JsonArray([.. neighbours.Select(x => (JsonNode)JsonValue.Create(x))]);
        return (new JsonObject { ["type"] = "topology", ["topology"] = topology }, "topology_ok");
    }

    public JsonObject ProbeRequest() => new() { ["type"] = "read" };

    public IEnumerable<JsonNode?>? Elements(JsonObject reply) =>
        reply["type"]?.ToString() == "read_ok" && reply["messages"] is JsonArray messages ? messages : null;

    public bool Acknowledges(Op completion, out JsonNode? element)
    {
        element = completion.Value;
        return completion is { Type: OpType.Ok, F: "broadcast" };
    }
}
