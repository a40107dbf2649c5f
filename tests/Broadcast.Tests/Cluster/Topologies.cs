using System.Text.Json.Nodes;

namespace Glomers.Broadcast.Tests.Cluster;

/// <summary>The topology messages Maelstrom sends for --topology line and tree.</summary>
public static class Topologies
{
    public static JsonObject Line(IReadOnlyList<string> nodes) => Neighbours(nodes, i =>
        new[] { i - 1, i + 1 }.Where(j => j >= 0 && j < nodes.Count));

    public static JsonObject Tree(IReadOnlyList<string> nodes) => Neighbours(nodes, i =>
        new[] { (i - 1) / 2, 2 * i + 1, 2 * i + 2 }.Where(j => j != i && j < nodes.Count));

    private static JsonObject Neighbours(IReadOnlyList<string> nodes, Func<int, IEnumerable<int>> of)
    {
        var topology = new JsonObject();
        for (var i = 0; i < nodes.Count; i++)
            topology[nodes[i]] = new JsonArray([.. of(i).Select(j => JsonValue.Create(nodes[j]))]);
        return topology;
    }
}
