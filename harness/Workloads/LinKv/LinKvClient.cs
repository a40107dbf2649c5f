using System.Text.Json.Nodes;

namespace Glomers.Harness.Workloads.LinKv;

/// <summary>lin-kv's client: values are <c>[k, v]</c>, a cas <c>[k, [from, to]]</c>; a read completes with the value it got.</summary>
public sealed class LinKvClient : RequestReplyClient
{
    public static LinKvClient Instance { get; } = new();

    public override JsonObject Request(Invocation op)
    {
        var value = (JsonArray)op.Value!;
        var body = new JsonObject { ["type"] = op.F, ["key"] = value[0]?.DeepClone() };
        switch (op.F)
        {
            case "write":
                body["value"] = value[1]?.DeepClone();
                break;
            case "cas":
                body["from"] = value[1]![0]?.DeepClone();
                body["to"] = value[1]![1]?.DeepClone();
                break;
        }
        return body;
    }

    public override JsonNode? Complete(Invocation op, JsonObject reply)
    {
        switch (op.F)
        {
            case "read":
                ReplySchema.Check(reply, "read_ok", ("value", ReplySchema.Any, "any JSON"));
                return new JsonArray(op.Value![0]?.DeepClone(), reply["value"]?.DeepClone());
            case "write":
                ReplySchema.Check(reply, "write_ok");
                return op.Value?.DeepClone();
            default:
                ReplySchema.Check(reply, "cas_ok");
                return op.Value?.DeepClone();
        }
    }
}
