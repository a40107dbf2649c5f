namespace Glomers.Harness.Faults;

/// <summary>
/// Jepsen's partition shapes, picked uniformly at random each time: isolate one node, split a
/// majority from a minority, overlapping majorities in a ring, or cut off fewer than a third.
/// A grudge maps each destination to the sources whose messages it drops.
/// </summary>
public static class PartitionShapes
{
    public static readonly string[] Shapes = ["one", "majority", "majorities-ring", "minority-third"];

    public static (string Shape, Dictionary<string, HashSet<string>> Grudge) Pick(IReadOnlyList<string> nodes, Random random)
    {
        var shape = Shapes[random.Next(Shapes.Length)];
        return (shape, Build(shape, nodes, random));
    }

    public static Dictionary<string, HashSet<string>> Build(string shape, IReadOnlyList<string> nodes, Random random)
    {
        var shuffled = nodes.ToArray();
        random.Shuffle(shuffled);
        var n = shuffled.Length;
        return shape switch
        {
            "one" => Complete([shuffled[..1], shuffled[1..]]),
            "majority" => Complete([shuffled[..(n / 2 + 1)], shuffled[(n / 2 + 1)..]]),
            "minority-third" => Complete([shuffled[..MinorityThird(n)], shuffled[MinorityThird(n)..]]),
            "majorities-ring" => MajoritiesRing(shuffled),
            _ => throw new ArgumentException($"unknown partition shape '{shape}'", nameof(shape)),
        };
    }

    /// <summary>Fewer than a third of the nodes, and at least one.</summary>
    private static int MinorityThird(int n) => Math.Max(1, (n - 1) / 3);

    /// <summary>Every node in a component blocks every node outside it.</summary>
    public static Dictionary<string, HashSet<string>> Complete(IEnumerable<string[]> components)
    {
        var parts = components.Where(c => c.Length > 0).ToArray();
        var grudge = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var part in parts)
        {
            var others = parts.Where(p => p != part).SelectMany(p => p).ToHashSet(StringComparer.Ordinal);
            if (others.Count == 0) continue;
            foreach (var node in part) grudge[node] = others;
        }
        return grudge;
    }

    /// <summary>Nodes on a ring; each sees the majority window centred on itself and blocks the rest.</summary>
    private static Dictionary<string, HashSet<string>> MajoritiesRing(string[] ring)
    {
        var n = ring.Length;
        var grudge = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var majority = n / 2 + 1;
        var left = (majority - 1) / 2;
        for (var i = 0; i < n; i++)
        {
            var visible = new HashSet<string>(StringComparer.Ordinal);
            for (var k = -left; k < majority - left; k++) visible.Add(ring[((i + k) % n + n) % n]);
            var blocked = ring.Where(x => !visible.Contains(x)).ToHashSet(StringComparer.Ordinal);
            if (blocked.Count > 0) grudge[ring[i]] = blocked;
        }
        return grudge;
    }

    /// <summary>A short description for the history: the components as each node sees them.</summary>
    public static string Describe(string shape, Dictionary<string, HashSet<string>> grudge) =>
        grudge.Count == 0 ? $"{shape}: no cut" :
        $"{shape}: " + string.Join("; ", grudge.OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => $"{kv.Key} cut from {string.Join(",", kv.Value.Order(StringComparer.Ordinal))}"));
}
