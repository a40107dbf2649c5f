namespace Glomers.GCounter.Tests;

public sealed class SlotTableTests
{
    [Fact]
    public void TotalIsTheSumOfEverySlot()
    {
        var table = new SlotTable();
        table.Merge("n0", new SlotValue(3, 10));
        table.Merge("n1", new SlotValue(1, -4));
        table.Merge("n2", new SlotValue(9, 5));

        Assert.Equal(11, table.Total);
    }

    [Fact]
    public void OlderVersionDoesNotReplaceNewerOne()
    {
        var table = new SlotTable();
        table.Merge("n1", new SlotValue(5, 20));

        Assert.False(table.Merge("n1", new SlotValue(4, 16)));
        Assert.False(table.Merge("n1", new SlotValue(5, 99)));
        Assert.True(table.Merge("n1", new SlotValue(6, 21)));
        Assert.Equal(new SlotValue(6, 21), table["n1"]);
    }

    [Fact]
    public void UnknownNodeCountsAsMissingSlot()
    {
        var table = new SlotTable();

        Assert.Equal(SlotValue.Missing, table["n4"]);
        Assert.Equal(0, table.Total);
    }
}
