namespace Glomers.Harness.Workloads.Broadcast;

/// <summary>The neighbour maps Maelstrom offers broadcast nodes: line, grid, trees of 2-4 children, total.</summary>
public static class Topologies
{
    public static readonly string[] Names = ["line", "grid", "tree", "tree2", "tree3", "tree4", "total"];

    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Build(string name, IReadOnlyList<string> nodes) => name switch
    {
        "line" => Line(nodes),
        "grid" => Grid(nodes),
        "tree" or "tree2" => Tree(2, nodes),
        "tree3" => Tree(3, nodes),
        "tree4" => Tree(4, nodes),
        "total" => nodes.ToDictionary(n => n, n => (IReadOnlyList<string>)[.. nodes.Where(m => m != n)]),
        _ => throw new ArgumentException($"unknown topology '{name}'"),
    };

    private static Dictionary<string, IReadOnlyList<string>> Line(IReadOnlyList<string> nodes)
    {
        var map = new Dictionary<string, IReadOnlyList<string>>();
        var n = nodes.Count;
        if (n < 2) return map;
        for (var i = 0; i < n; i++)
        {
            map[nodes[i]] = i == 0 ? [nodes[1]] : i == n - 1 ? [nodes[n - 2]] : [nodes[i - 1], nodes[i + 1]];
        }
        return map;
    }

    /// <summary>A square grid, row by row; each node's neighbours in the order down, up, right, left.</summary>
    private static Dictionary<string, IReadOnlyList<string>> Grid(IReadOnlyList<string> nodes)
    {
        var n = nodes.Count;
        var side = (int)Math.Ceiling(Math.Sqrt(n));
        string? At(int i, int j) => i >= 0 && j >= 0 && j < side && i * side + j < n ? nodes[i * side + j] : null;
        var map = new Dictionary<string, IReadOnlyList<string>>();
        for (var i = 0; i < side; i++)
        for (var j = 0; j < side; j++)
        {
            if (At(i, j) is not { } node) continue;
            map[node] = new[] { At(i + 1, j), At(i - 1, j), At(i, j + 1), At(i, j - 1) }.OfType<string>().ToArray();
        }
        return map;
    }

    /// <summary>Tiers of 1, b, b², … nodes; the k-th node of a tier parents the k-th group of b in the next.</summary>
    private static Dictionary<string, IReadOnlyList<string>> Tree(int b, IReadOnlyList<string> nodes)
    {
        var tiers = new List<string[]>();
        for (int start = 0, size = 1; start < nodes.Count; start += size, size *= b)
            tiers.Add([.. nodes.Skip(start).Take(size)]);
        var neighbours = nodes.ToDictionary(n => n, _ => new List<string>());
        for (var t = 0; t + 1 < tiers.Count; t++)
        for (var c = 0; c < tiers[t + 1].Length; c++)
        {
            var parent = tiers[t][c / b];
            var child = tiers[t + 1][c];
            neighbours[parent].Add(child);
            neighbours[child].Insert(0, parent);
        }
        return neighbours.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<string>)kv.Value);
    }
}
