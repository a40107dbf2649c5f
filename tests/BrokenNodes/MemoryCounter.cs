using System.Text.Json.Nodes;
using Glomers.NodeRuntime;

namespace Glomers.BrokenNodes;

/// <summary>
/// A counter kept in memory: correct on a single node. With <c>dropEvery</c> &gt; 0 it still
/// acknowledges every add but forgets the delta of every dropEvery-th one.
/// </summary>
public sealed class MemoryCounter
{
    private long sum;
    private long adds;

    public MemoryCounter(Node node, int dropEvery)
    {
        node.On("add", r =>
        {
            var delta = r.GetInt64("delta");
            if (dropEvery <= 0 || ++adds % dropEvery != 0) sum += delta;
            node.Reply(r, new JsonObject { ["type"] = "add_ok" });
        });
        node.On("read", r => node.Reply(r, new JsonObject { ["type"] = "read_ok", ["value"] = sum }));
    }
}
