using Glomers.Broadcast.Values;

namespace Glomers.Broadcast.Tests.Values;

public class ValueSetTests
{
    [Fact]
    public void AdjacentValuesMergeIntoOneRange()
    {
        var set = ValueSet.Of(0, 2, 4, 1, 3);

        Assert.Equal([new ValueRange(0, 4)], set.Ranges);
        Assert.Equal(5, set.Count);
    }

    [Fact]
    public void AddingAKnownValueReportsFalseAndChangesNothing()
    {
        var set = ValueSet.Of(5, 6, 9);

        Assert.False(set.Add(6));
        Assert.True(set.Add(7));
        Assert.Equal("{5-7,9}", set.ToString());
    }

    [Fact]
    public void ContainsFindsOnlyMembers()
    {
        var set = ValueSet.Of(1, 2, 3, 10);

        Assert.True(set.Contains(2));
        Assert.True(set.Contains(10));
        Assert.False(set.Contains(0));
        Assert.False(set.Contains(4));
        Assert.False(set.Contains(11));
    }

    [Fact]
    public void ExceptCutsHolesAndEnds()
    {
        var mine = ValueSet.FromRanges([new(0, 20), new(30, 40)]);
        var theirs = ValueSet.FromRanges([new(0, 2), new(5, 6), new(18, 32), new(40, 100)]);

        Assert.Equal("{3-4,7-17,33-39}", mine.Except(theirs).ToString());
        Assert.Equal("{21-29,41-100}", theirs.Except(mine).ToString());
    }

    [Fact]
    public void ExceptOfAHugeForeignRangeStaysCompact()
    {
        var mine = ValueSet.Of(1, 2, 3);
        var theirs = ValueSet.FromRanges([new(long.MinValue, long.MaxValue)]);

        Assert.True(mine.Except(theirs).IsEmpty);
        Assert.Equal("{-9223372036854775808-0,4-9223372036854775807}", theirs.Except(mine).ToString());
        Assert.Equal(long.MaxValue, theirs.Count);
    }

    [Fact]
    public void IntersectKeepsOnlyCommonValues()
    {
        var a = ValueSet.FromRanges([new(0, 10), new(20, 30)]);
        var b = ValueSet.FromRanges([new(5, 25), new(30, 35)]);

        Assert.Equal("{5-10,20-25,30}", a.Intersect(b).ToString());
        Assert.Equal(a.Intersect(b).ToString(), b.Intersect(a).ToString());
    }

    [Fact]
    public void FromRangesSortsAndMergesOverlappingAndAdjacentRanges()
    {
        var set = ValueSet.FromRanges([new(10, 12), new(0, 3), new(2, 5), new(6, 6), new(13, 13)]);

        Assert.Equal("{0-6,10-13}", set.ToString());
    }

    [Fact]
    public void FromRangesRejectsAReversedRange()
    {
        var error = Assert.Throws<ArgumentException>(() => ValueSet.FromRanges([new(5, 1)]));
        Assert.Contains("5..1", error.Message);
    }

    [Fact]
    public void ExtremeValuesNeitherOverflowNorMergeWrongly()
    {
        var set = ValueSet.Of(long.MaxValue, long.MinValue, long.MaxValue - 1);

        Assert.Equal([long.MinValue, long.MaxValue - 1, long.MaxValue], set.Values());
        Assert.Equal([ValueRange.Of(long.MinValue), new ValueRange(long.MaxValue - 1, long.MaxValue)], set.Ranges);
        Assert.False(set.Contains(0));
    }
}
