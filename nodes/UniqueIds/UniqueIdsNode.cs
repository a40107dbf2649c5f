using System.Text.Json.Nodes;
using Glomers.NodeRuntime;
using Glomers.NodeRuntime.Protocol;

namespace Glomers.UniqueIds;

/// <summary>Step 2: globally unique ids, generated locally without a single message between nodes.</summary>
public sealed class UniqueIdsNode
{
    private SnowflakeIds? ids;

    public UniqueIdsNode(Node node)
    {
        // node_ids is the same ordered list on every node, so a node's position in it is unique.
        node.OnInit(() => ids = new SnowflakeIds(IndexOf(node)));
        node.On("generate", request => node.Reply(request, new JsonObject
        {
            ["type"] = "generate_ok",
            ["id"] = (ids ?? throw new RpcException(ErrorCode.TemporarilyUnavailable, "not initialised")).Next(node.Time.GetUtcNow()),
        }));
    }

    private static int IndexOf(Node node)
    {
        var index = node.NodeIds.ToList().IndexOf(node.Id);
        if (index < 0 || index >= SnowflakeIds.MaxNodes)
            throw new InvalidOperationException($"{node.Id} needs a place among at most {SnowflakeIds.MaxNodes} node_ids");
        return index;
    }
}
