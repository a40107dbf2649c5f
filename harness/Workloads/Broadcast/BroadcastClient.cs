using System.Text.Json.Nodes;

namespace Glomers.Harness.Workloads.Broadcast;

/// <summary>broadcast's client: a broadcast completes with its value, a read with the node's messages.</summary>
public sealed class BroadcastClient : RequestReplyClient
{
    public static BroadcastClient Instance { get; } = new();

    public override JsonObject Request(Invocation op) => op.F == "broadcast"
        ? new() { ["type"] = "broadcast", ["message"] = op.Value?.DeepClone() }
        : new() { ["type"] = "read" };

    public override JsonNode? Complete(Invocation op, JsonObject reply)
    {
        if (op.F == "broadcast")
        {
            ReplySchema.Check(reply, "broadcast_ok");
            return op.Value?.DeepClone();
        }
        ReplySchema.Check(reply, "read_ok", ("messages", ReplySchema.IsArray, "an array"));
        return reply["messages"]!.DeepClone();
    }
}
