namespace Glomers.UniqueIds.Tests;

public class SnowflakeIdsTests
{
    private static readonly DateTimeOffset Noon = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void IdCarriesTimeNodeAndSequence()
    {
        var ids = new SnowflakeIds(5);

        var first = ids.Next(Noon);
        var second = ids.Next(Noon);

        Assert.Equal((Noon.ToUnixTimeMilliseconds(), 5, 0), SnowflakeIds.Parse(first));
        Assert.Equal((Noon.ToUnixTimeMilliseconds(), 5, 1), SnowflakeIds.Parse(second));
    }

    [Fact]
    public void NodesNeverCollideInTheSameMillisecond()
    {
        var a = new SnowflakeIds(0);
        var b = new SnowflakeIds(1);

        var fromA = Enumerable.Range(0, 5000).Select(_ => a.Next(Noon)).ToHashSet();
        var fromB = Enumerable.Range(0, 5000).Select(_ => b.Next(Noon)).ToList();

        Assert.Equal(5000, fromA.Count);
        Assert.Equal(5000, fromB.Distinct().Count());
        Assert.DoesNotContain(fromB, fromA.Contains);
    }

    [Fact]
    public void FullMillisecondBorrowsTheNextOne()
    {
        var ids = new SnowflakeIds(3);

        var generated = Enumerable.Range(0, 4097).Select(_ => ids.Next(Noon)).ToList();

        Assert.Equal((Noon.ToUnixTimeMilliseconds(), 3, 4095), SnowflakeIds.Parse(generated[4095]));
        Assert.Equal((Noon.ToUnixTimeMilliseconds() + 1, 3, 0), SnowflakeIds.Parse(generated[4096]));
        Assert.Equal(generated.Order(), generated);
    }

    [Fact]
    public void BorrowedMillisecondIsNotReusedWhenTheClockCatchesUp()
    {
        var ids = new SnowflakeIds(3);
        var generated = Enumerable.Range(0, 4097).Select(_ => ids.Next(Noon)).ToList();

        generated.Add(ids.Next(Noon.AddMilliseconds(1)));

        Assert.Equal((Noon.ToUnixTimeMilliseconds() + 1, 3, 1), SnowflakeIds.Parse(generated[^1]));
        Assert.Equal(generated.Count, generated.Distinct().Count());
    }

    [Fact]
    public void ClockGoingBackwardsStillGivesIncreasingIds()
    {
        var ids = new SnowflakeIds(1);

        var before = ids.Next(Noon);
        var after = ids.Next(Noon.AddSeconds(-5));

        Assert.True(after > before);
        Assert.Equal((Noon.ToUnixTimeMilliseconds(), 1, 1), SnowflakeIds.Parse(after));
    }

    [Fact]
    public void IdsArePositiveUntilTheYear2093()
    {
        var ids = new SnowflakeIds(SnowflakeIds.MaxNodes - 1);

        Assert.True(ids.Next(new DateTimeOffset(2093, 1, 1, 0, 0, 0, TimeSpan.Zero)) > 0);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1024)]
    public void NodeIndexOutsideTenBitsIsRefused(int index)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SnowflakeIds(index));
    }
}
