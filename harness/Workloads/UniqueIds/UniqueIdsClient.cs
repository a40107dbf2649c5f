using System.Text.Json.Nodes;

namespace Glomers.Harness.Workloads.UniqueIds;

/// <summary>unique-ids' client: a generate out, the id back.</summary>
public sealed class UniqueIdsClient : RequestReplyClient
{
    public static UniqueIdsClient Instance { get; } = new();

    public override JsonObject Request(Invocation op) => new() { ["type"] = "generate" };

    public override JsonNode? Complete(Invocation op, JsonObject reply)
    {
        ReplySchema.Check(reply, "generate_ok", ("id", ReplySchema.Any, "any JSON"));
        return reply["id"]?.DeepClone();
    }
}
