using System.Text.Json.Nodes;

namespace Glomers.Harness.Workloads.Echo;

/// <summary>echo's client: the payload out, the whole reply body back.</summary>
public sealed class EchoClient : RequestReplyClient
{
    public static EchoClient Instance { get; } = new();

    public override JsonObject Request(Invocation op) => new() { ["type"] = "echo", ["echo"] = op.Value?.DeepClone() };

    public override JsonNode? Complete(Invocation op, JsonObject reply)
    {
        ReplySchema.Check(reply, "echo_ok", ("echo", ReplySchema.Any, "any JSON"));
        return reply.DeepClone();
    }
}
