using Glomers.Harness.Workloads;
using Glomers.Harness.Workloads.Broadcast;

namespace Glomers.Harness.Tests.Bench;

/// <summary>Neighbour maps, worked out by hand from Maelstrom's broadcast.clj for small clusters.</summary>
public sealed class TopologiesTests
{
    private static string[] Nodes(int n) => [.. Enumerable.Range(0, n).Select(i => $"n{i}")];

    private static string Show(IReadOnlyDictionary<string, IReadOnlyList<string>> map) =>
        string.Join(" ", map.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}:[{string.Join(",", kv.Value)}]"));

    [Theory]
    [InlineData("line", 4, "n0:[n1] n1:[n0,n2] n2:[n1,n3] n3:[n2]")]
    [InlineData("line", 2, "n0:[n1] n1:[n0]")]
    [InlineData("line", 1, "")]
    // A 3-wide grid; neighbours in Maelstrom's order: below, above, right, left.
    [InlineData("grid", 5, "n0:[n3,n1] n1:[n4,n2,n0] n2:[n1] n3:[n0,n4] n4:[n1,n3]")]
    [InlineData("grid", 4, "n0:[n2,n1] n1:[n3,n0] n2:[n0,n3] n3:[n1,n2]")]
    [InlineData("grid", 1, "n0:[]")]
    // Tiers 1, 2, 4: parent first, then children.
    [InlineData("tree", 6, "n0:[n1,n2] n1:[n0,n3,n4] n2:[n0,n5] n3:[n1] n4:[n1] n5:[n2]")]
    [InlineData("tree2", 3, "n0:[n1,n2] n1:[n0] n2:[n0]")]
    [InlineData("tree3", 5, "n0:[n1,n2,n3] n1:[n0,n4] n2:[n0] n3:[n0] n4:[n1]")]
    [InlineData("tree3", 8, "n0:[n1,n2,n3] n1:[n0,n4,n5,n6] n2:[n0,n7] n3:[n0] n4:[n1] n5:[n1] n6:[n1] n7:[n2]")]
    [InlineData("tree4", 6, "n0:[n1,n2,n3,n4] n1:[n0,n5] n2:[n0] n3:[n0] n4:[n0] n5:[n1]")]
    [InlineData("tree", 1, "n0:[]")]
    [InlineData("total", 3, "n0:[n1,n2] n1:[n0,n2] n2:[n0,n1]")]
    [InlineData("total", 1, "n0:[]")]
    public void MatchesMaelstrom(string topology, int n, string expected) =>
        Assert.Equal(expected, Show(Topologies.Build(topology, Nodes(n))));

    [Theory]
    [InlineData("line")]
    [InlineData("grid")]
    [InlineData("tree2")]
    [InlineData("tree3")]
    [InlineData("tree4")]
    [InlineData("total")]
    public void NeighbourhoodIsSymmetricAndConnected(string topology)
    {
        var map = Topologies.Build(topology, Nodes(25));
        foreach (var (node, neighbours) in map)
            Assert.All(neighbours, m => Assert.Contains(node, map[m]));
        var reached = new HashSet<string> { "n0" };
        var frontier = new Queue<string>(reached);
        while (frontier.TryDequeue(out var x))
            foreach (var y in map[x].Where(reached.Add)) frontier.Enqueue(y);
        Assert.Equal(25, reached.Count);
    }

    [Fact]
    public void UnknownTopologyIsRejected() =>
        Assert.Throws<ArgumentException>(() => Topologies.Build("star", Nodes(3)));
}
