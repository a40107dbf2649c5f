using CsCheck;
using Glomers.Harness.Faults;

namespace Glomers.Harness.Tests.Faults;

/// <summary>
/// Jepsen's partition shapes on clusters of 1 to 12 nodes and any seed, against a plain model:
/// which node hears which, written out pair by pair.
/// </summary>
public sealed class PartitionShapesPropertyTests
{
    private static readonly Gen<(string[] Nodes, int Seed)> Clusters =
        Gen.Select(Gen.Int[1, 12].Select(n => Enumerable.Range(0, n).Select(i => $"n{i}").ToArray()), Gen.Int);

    /// <summary>Whether <paramref name="dest"/> takes messages from <paramref name="src"/>.</summary>
    private static bool Hears(Dictionary<string, HashSet<string>> grudge, string dest, string src) =>
        !(grudge.TryGetValue(dest, out var blocked) && blocked.Contains(src));

    private static void AssertWellFormed(string[] nodes, Dictionary<string, HashSet<string>> grudge)
    {
        foreach (var (dest, sources) in grudge)
        {
            Assert.Contains(dest, nodes);
            Assert.NotEmpty(sources);
            Assert.DoesNotContain(dest, sources);
            Assert.All(sources, s => Assert.Contains(s, nodes));
        }
    }

    /// <summary>A clean cut into two sides: hearing is "on the same side", and the smaller side has <paramref name="cut"/> nodes.</summary>
    private static void AssertTwoSides(string[] nodes, Dictionary<string, HashSet<string>> grudge, int cut)
    {
        AssertWellFormed(nodes, grudge);
        // The side of a node is the set it hears; on a clean cut each node's side is a class.
        var side = nodes.ToDictionary(n => n, n => nodes.Where(m => Hears(grudge, n, m)).ToHashSet());
        foreach (var a in nodes)
            foreach (var b in nodes)
                Assert.Equal(side[a].SetEquals(side[b]), Hears(grudge, a, b));
        var sizes = side.Values.DistinctBy(s => string.Join(",", s.Order())).Select(s => s.Count).Order().ToArray();
        int[] expected = cut == 0 || cut == nodes.Length ? [nodes.Length] : [.. new[] { cut, nodes.Length - cut }.Order()];
        Assert.Equal(expected, sizes);
    }

    [Fact]
    public void OneIsolatesASingleNode() => Clusters.Sample((nodes, seed) =>
        AssertTwoSides(nodes, PartitionShapes.Build("one", nodes, new Random(seed)), 1), iter: 2_000);

    [Fact]
    public void MajorityCutsABareMajorityFromTheRest() => Clusters.Sample((nodes, seed) =>
        AssertTwoSides(nodes, PartitionShapes.Build("majority", nodes, new Random(seed)), nodes.Length / 2 + 1), iter: 2_000);

    [Fact]
    public void MinorityThirdCutsOffFewerThanAThird() => Clusters.Sample((nodes, seed) =>
        AssertTwoSides(nodes, PartitionShapes.Build("minority-third", nodes, new Random(seed)), Math.Max(1, (nodes.Length - 1) / 3)), iter: 2_000);

    [Fact]
    public void MajoritiesRingGivesEachNodeAMajorityOfItsOwn() => Clusters.Sample((nodes, seed) =>
    {
        var grudge = PartitionShapes.Build("majorities-ring", nodes, new Random(seed));
        AssertWellFormed(nodes, grudge);
        var majority = nodes.Length / 2 + 1;
        var heard = nodes.Select(n => nodes.Where(m => Hears(grudge, n, m)).Order().ToArray()).ToArray();
        // Each node hears a bare majority, itself included, and is heard by as many.
        Assert.All(heard, h => Assert.Equal(majority, h.Length));
        Assert.All(nodes, n => Assert.Equal(majority, nodes.Count(m => Hears(grudge, m, n))));
        // Below the whole cluster, no two nodes see the same majority.
        if (majority < nodes.Length) Assert.Equal(nodes.Length, heard.DistinctBy(h => string.Join(",", h)).Count());
    }, iter: 2_000);

    [Fact]
    public void CompleteBlocksExactlyThePairsInDifferentComponents() =>
        Gen.Select(Gen.Int[1, 10], Gen.Int[1, 4], Gen.Int).Sample((n, parts, seed) =>
        {
            // Each node in one of the parts at random; some parts may be empty.
            var random = new Random(seed);
            var nodes = Enumerable.Range(0, n).Select(i => $"n{i}").ToArray();
            var part = nodes.ToDictionary(x => x, _ => random.Next(parts));
            var components = Enumerable.Range(0, parts).Select(p => nodes.Where(x => part[x] == p).ToArray());

            var grudge = PartitionShapes.Complete(components);

            AssertWellFormed(nodes, grudge);
            foreach (var a in nodes)
                foreach (var b in nodes)
                    Assert.Equal(part[a] == part[b], Hears(grudge, a, b));
        }, iter: 2_000);

    [Fact]
    public void PickIsTheSameForTheSameSeed() => Clusters.Sample((nodes, seed) =>
    {
        var (shape, grudge) = PartitionShapes.Pick(nodes, new Random(seed));
        var (again, grudgeAgain) = PartitionShapes.Pick(nodes, new Random(seed));

        Assert.Contains(shape, PartitionShapes.Shapes);
        Assert.Equal(PartitionShapes.Describe(shape, grudge), PartitionShapes.Describe(again, grudgeAgain));
    }, iter: 500);
}
