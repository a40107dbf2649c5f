using Glomers.NodeRuntime.Protocol;
using System.Text.Json.Nodes;

namespace Glomers.NodeRuntime.Services;

/// <summary>Client for lin-tso, Maelstrom's timestamp oracle: strictly increasing integers.</summary>
public sealed class TsoClient(Node node, TimeSpan? timeout = null)
{
    public const string Service = "lin-tso";

    public TimeSpan Timeout { get; } = timeout ?? TimeSpan.FromSeconds(1);

    public async Task<long> NextAsync(CancellationToken cancellationToken = default)
    {
        var reply = await node.RpcAsync(Service, new JsonObject { ["type"] = "ts" }, Timeout, cancellationToken);
        return reply.OptionalInt64("ts") ?? throw RpcException.Malformed($"lin-tso answered without an integer ts: {reply}");
    }
}
