using Glomers.Harness.Faults;

namespace Glomers.Harness.Tests.Bench;

/// <summary>Jepsen's partition shapes on five server nodes.</summary>
public sealed class PartitionShapesTests
{
    private static readonly string[] Five = ["n0", "n1", "n2", "n3", "n4"];

    private static Dictionary<string, HashSet<string>> Build(string shape, int seed) => PartitionShapes.Build(shape, Five, new Random(seed));

    private static void AssertSymmetricOnServers(Dictionary<string, HashSet<string>> grudge)
    {
        foreach (var (dest, sources) in grudge)
        {
            Assert.Contains(dest, Five);
            Assert.DoesNotContain(dest, sources);
            Assert.All(sources, src => Assert.True(grudge.TryGetValue(src, out var back) && back.Contains(dest), $"{src} -/-> {dest} but not back"));
            Assert.All(sources, src => Assert.Contains(src, Five));
        }
    }

    /// <summary>The sizes of the two sides of a clean cut: each node sees its own side in full and nothing else.</summary>
    private static int[] Sides(Dictionary<string, HashSet<string>> grudge)
    {
        var sides = Five.Select(n => Five.Where(m => !grudge.GetValueOrDefault(n, []).Contains(m)).Order().ToArray())
            .DistinctBy(side => string.Join(",", side)).ToList();
        Assert.Equal(Five.Length, sides.Sum(s => s.Length));
        return [.. sides.Select(s => s.Length).Order()];
    }

    [Theory]
    [InlineData("one", new[] { 1, 4 })]
    [InlineData("majority", new[] { 2, 3 })]
    [InlineData("minority-third", new[] { 1, 4 })]
    public void CleanCutsSplitIntoTwoSidesOfJepsensSizes(string shape, int[] sizes)
    {
        for (var seed = 0; seed < 20; seed++)
        {
            var grudge = Build(shape, seed);
            AssertSymmetricOnServers(grudge);
            Assert.Equal(sizes, Sides(grudge));
        }
    }

    [Fact]
    public void MajoritiesRingGivesEveryNodeItsOwnMajority()
    {
        for (var seed = 0; seed < 20; seed++)
        {
            var grudge = Build("majorities-ring", seed);
            AssertSymmetricOnServers(grudge);
            var views = Five.Select(n => string.Join(",", Five.Where(m => !grudge[n].Contains(m)))).ToList();
            // Each node sees itself and two others (3 of 5), and no two nodes see the same majority.
            Assert.All(Five, n => Assert.Equal(2, grudge[n].Count));
            Assert.Equal(5, views.Distinct().Count());
        }
    }

    [Fact]
    public void PickUsesEveryShape()
    {
        var random = new Random(7);
        var shapes = Enumerable.Range(0, 200).Select(_ => PartitionShapes.Pick(Five, random).Shape).ToHashSet();
        Assert.Equal(PartitionShapes.Shapes.Order(), shapes.Order());
    }

    [Fact]
    public void DescriptionListsEachCut()
    {
        var grudge = PartitionShapes.Complete([["n0"], ["n1", "n2"]]);
        Assert.Equal("one: n0 cut from n1,n2; n1 cut from n0; n2 cut from n0", PartitionShapes.Describe("one", grudge));
    }
}
