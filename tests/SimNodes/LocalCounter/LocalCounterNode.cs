using System.Text.Json.Nodes;
using Glomers.NodeRuntime;

namespace Glomers.SimNodes.LocalCounter;

/// <summary>
/// A deliberately wrong g-counter for the bench's own tests: each node counts only the adds it was
/// given and never tells anyone, so with adds spread over nodes the final reads disagree.
/// </summary>
public sealed class LocalCounterNode
{
    private long sum;

    public LocalCounterNode(Node node)
    {
        node.On("add", request =>
        {
            sum += request.GetInt64("delta");
            node.Reply(request, new JsonObject { ["type"] = "add_ok" });
        });
        node.On("read", request => node.Reply(request, new JsonObject { ["type"] = "read_ok", ["value"] = sum }));
    }
}
