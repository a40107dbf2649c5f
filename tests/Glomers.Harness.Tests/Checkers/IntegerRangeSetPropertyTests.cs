using CsCheck;
using Glomers.Harness.Checkers;

namespace Glomers.Harness.Tests.Checkers;

/// <summary>
/// The counter checker's range set against a plain model: the set of every sum reachable from a
/// start value with or without each delta, enumerated in a HashSet.
/// </summary>
public sealed class IntegerRangeSetPropertyTests
{
    // Deltas of both signs, some repeated and some zero, so ranges grow, overlap, touch and stay apart.
    private static readonly Gen<(long Start, long[] Deltas)> Sums =
        Gen.Select(Gen.Long[-50, 50], Gen.Long[-30, 30].Array[0, 10]);

    private static HashSet<long> Model(long start, IEnumerable<long> deltas)
    {
        var sums = new HashSet<long> { start };
        foreach (var d in deltas) sums.UnionWith([.. sums.Select(s => s + d)]);
        return sums;
    }

    [Fact]
    public void UnionShiftedHoldsExactlyTheReachableSumsInSortedDisjointRanges() =>
        Sums.Sample((start, deltas) =>
        {
            var set = IntegerRangeSet.Single(start);
            foreach (var d in deltas) set.UnionShifted(d);
            var model = Model(start, deltas);

            var ranges = set.Ranges;
            for (var i = 0; i < ranges.Count; i++)
            {
                Assert.True(ranges[i].Lo <= ranges[i].Hi, $"empty range {ranges[i]}");
                // Apart by at least one missing value: touching ranges would have been merged.
                if (i > 0) Assert.True(ranges[i - 1].Hi + 1 < ranges[i].Lo, $"ranges {ranges[i - 1]} and {ranges[i]} touch or overlap");
            }
            Assert.Equal(model.Order(), ranges.SelectMany(r => Enumerable.Range(0, (int)(r.Hi - r.Lo + 1)).Select(k => r.Lo + k)));
            var (lo, hi) = (model.Min() - 2, model.Max() + 2);
            for (var v = lo; v <= hi; v++) Assert.Equal(model.Contains(v), set.Contains(v));
        }, iter: 5_000);
}
