using System.Text.Json.Nodes;

namespace Glomers.Harness.Workloads.GSet;

/// <summary>g-set's client: an add completes with its element, a read with the node's set.</summary>
public sealed class GSetClient : RequestReplyClient
{
    public static GSetClient Instance { get; } = new();

    public override JsonObject Request(Invocation op) => op.F == "add"
        ? new() { ["type"] = "add", ["element"] = op.Value?.DeepClone() }
        : new() { ["type"] = "read" };

    public override JsonNode? Complete(Invocation op, JsonObject reply)
    {
        if (op.F == "add")
        {
            ReplySchema.Check(reply, "add_ok");
            return op.Value?.DeepClone();
        }
        ReplySchema.Check(reply, "read_ok", ("value", ReplySchema.IsArray, "an array"));
        return reply["value"]!.DeepClone();
    }
}
