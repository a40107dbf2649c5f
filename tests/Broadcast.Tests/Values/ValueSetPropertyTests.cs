using CsCheck;
using Glomers.Broadcast.Values;

namespace Glomers.Broadcast.Tests.Values;

/// <summary>ValueSet against a plain HashSet, on values packed close together (so ranges touch) near zero and near both ends of long.</summary>
public class ValueSetPropertyTests
{
    // A cluster of 64 values at an origin where merging could overflow, or not.
    private static readonly Gen<long> Origin = Gen.OneOf(0L, -32L, long.MaxValue - 63, long.MinValue);

    private static Gen<long[]> Values(long origin) => Gen.Int[0, 63].Select(i => origin + i).Array[0, 40];

    private static Gen<ValueRange[]> Ranges(long origin) =>
        Gen.Select(Gen.Int[0, 63], Gen.Int[0, 10])
            .Select((at, length) => new ValueRange(origin + at, origin + Math.Min(63, at + length)))
            .Array[0, 8];

    private static HashSet<long> Model(IEnumerable<ValueRange> ranges) =>
        [.. ranges.SelectMany(r => Enumerable.Range(0, (int)(r.Hi - r.Lo + 1)).Select(i => r.Lo + i))];

    /// <summary>Sorted, each range non-empty, and a gap of at least one value between neighbours.</summary>
    private static void AssertNormalised(ValueSet set)
    {
        for (var i = 0; i < set.Ranges.Count; i++)
        {
            Assert.True(set.Ranges[i].Lo <= set.Ranges[i].Hi, $"empty range in {set}");
            if (i > 0) Assert.True(set.Ranges[i - 1].Hi < set.Ranges[i].Lo - 1, $"ranges touch in {set}");
        }
    }

    private static void AssertSame(HashSet<long> model, ValueSet set)
    {
        AssertNormalised(set);
        Assert.Equal(model.Order(), set.Values());
        Assert.Equal(model.Count, set.Count);
        Assert.Equal(model.Count == 0, set.IsEmpty);
    }

    [Fact]
    public void AddAndContainsAgreeWithAHashSet() =>
        Origin.SelectMany(o => Gen.Select(Gen.Const(o), Values(o), Values(o))).Sample((origin, adds, probes) =>
        {
            var model = new HashSet<long>();
            var set = new ValueSet();
            foreach (var v in adds) Assert.Equal(model.Add(v), set.Add(v));
            AssertSame(model, set);
            Assert.All(probes.Append(origin - 1).Append(origin + 64), v => Assert.Equal(model.Contains(v), set.Contains(v)));
        }, iter: 5_000);

    [Fact]
    public void FromRangesExceptAndIntersectAgreeWithAHashSet() =>
        Origin.SelectMany(o => Gen.Select(Ranges(o), Ranges(o))).Sample((a, b) =>
        {
            var (left, right) = (ValueSet.FromRanges(a), ValueSet.FromRanges(b));
            var (modelLeft, modelRight) = (Model(a), Model(b));

            AssertSame(modelLeft, left);
            AssertSame([.. modelLeft.Except(modelRight)], left.Except(right));
            AssertSame([.. modelLeft.Intersect(modelRight)], left.Intersect(right));
            // Shuffled input makes the same set.
            Assert.Equal(left.Ranges, ValueSet.FromRanges(a.Reverse()).Ranges);
        }, iter: 5_000);
}
