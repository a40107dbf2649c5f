using System.Text.Json.Nodes;

namespace Glomers.Harness.Workloads.Counter;

/// <summary>The counters' client: an add completes with its delta, a read with the node's value.</summary>
public sealed class CounterClient : RequestReplyClient
{
    public static CounterClient Instance { get; } = new();

    public override JsonObject Request(Invocation op) => op.F == "add"
        ? new() { ["type"] = "add", ["delta"] = op.Value?.DeepClone() }
        : new() { ["type"] = "read" };

    public override JsonNode? Complete(Invocation op, JsonObject reply)
    {
        if (op.F == "add")
        {
            ReplySchema.Check(reply, "add_ok");
            return op.Value?.DeepClone();
        }
        ReplySchema.Check(reply, "read_ok", ("value", ReplySchema.IsInteger, "an integer"));
        return reply["value"]!.DeepClone();
    }
}
