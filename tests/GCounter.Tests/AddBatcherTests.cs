namespace Glomers.GCounter.Tests;

public sealed class AddBatcherTests
{
    [Fact]
    public void AttemptCarriesEveryWaitingAdd()
    {
        var batcher = new AddBatcher<string>(SlotValue.Missing);
        batcher.Add("a", 2);
        batcher.Add("b", 3);

        var attempt = batcher.NextAttempt();

        Assert.Equal(new CasAttempt(SlotValue.Missing, new SlotValue(1, 5), 2), attempt);
    }

    [Fact]
    public void SuccessAcknowledgesOnlyTheAddsItsAttemptCarried()
    {
        var batcher = new AddBatcher<string>(new SlotValue(4, 10));
        batcher.Add("a", 2);
        var first = batcher.NextAttempt();
        batcher.Add("b", 3);

        Assert.Equal(["a"], batcher.Observe(first.To));
        Assert.Equal(new SlotValue(5, 12), batcher.Confirmed);
        Assert.Equal(new CasAttempt(new SlotValue(5, 12), new SlotValue(6, 15), 1), batcher.NextAttempt());
    }

    [Fact]
    public void SeeingTheBaseAgainAcknowledgesNothing()
    {
        var batcher = new AddBatcher<string>(new SlotValue(2, 7));
        batcher.Add("a", 1);
        batcher.NextAttempt();

        Assert.Empty(batcher.Observe(new SlotValue(2, 7)));
        Assert.Equal(1, batcher.WaitingCount);
        Assert.Equal(1, batcher.UnresolvedAttempts);
    }

    [Fact]
    public void RetriedAttemptThatAppliedAcknowledgesEveryAddItCarried()
    {
        var batcher = new AddBatcher<string>(SlotValue.Missing);
        batcher.Add("a", 2);
        batcher.NextAttempt();
        batcher.Add("b", 3);
        var retry = batcher.NextAttempt();

        Assert.Equal(["a", "b"], batcher.Observe(retry.To));
        Assert.Equal(0, batcher.WaitingCount);
        Assert.Equal(0, batcher.UnresolvedAttempts);
    }

    [Fact]
    public void EarlierAttemptThatLandedLateIsCountedOnce()
    {
        // The first cas timed out, a retry went out, and the slot shows the first one applied after all.
        var batcher = new AddBatcher<string>(SlotValue.Missing);
        batcher.Add("a", 2);
        var first = batcher.NextAttempt();
        batcher.Add("b", 3);
        batcher.NextAttempt();

        Assert.Equal(["a"], batcher.Observe(first.To));
        var next = batcher.NextAttempt();
        Assert.Equal(first.To, next.From);
        Assert.Equal(5, next.To.Sum);
        Assert.Equal(1, next.AddCount);
        Assert.True(next.To.Version > 2);
    }

    [Fact]
    public void VersionsNeverRepeatAcrossUnresolvedAttempts()
    {
        var batcher = new AddBatcher<string>(new SlotValue(3, 0));
        batcher.Add("a", 1);

        var versions = Enumerable.Range(0, 4).Select(_ => batcher.NextAttempt().To.Version).ToArray();

        Assert.Equal([4L, 5L, 6L, 7L], versions);
    }

    [Fact]
    public void ValueNoAttemptWroteIsAdoptedWithoutAcknowledging()
    {
        var batcher = new AddBatcher<string>(SlotValue.Missing);
        batcher.Add("a", 2);
        batcher.NextAttempt();

        Assert.Empty(batcher.Observe(new SlotValue(9, 100)));
        Assert.Equal(new SlotValue(9, 100), batcher.Confirmed);
        Assert.Equal(new CasAttempt(new SlotValue(9, 100), new SlotValue(10, 102), 1), batcher.NextAttempt());
    }

    [Fact]
    public void OlderValueIsIgnored()
    {
        var batcher = new AddBatcher<string>(new SlotValue(5, 50));
        batcher.Add("a", 1);

        Assert.Empty(batcher.Observe(new SlotValue(3, 30)));
        Assert.Equal(new SlotValue(5, 50), batcher.Confirmed);
    }

    [Fact]
    public void NegativeDeltasAreSummed()
    {
        var batcher = new AddBatcher<string>(new SlotValue(1, 4));
        batcher.Add("a", -5);
        batcher.Add("b", 2);

        Assert.Equal(new SlotValue(2, 1), batcher.NextAttempt().To);
    }

    [Fact]
    public void AddThatWouldOverflowIsRefusedAndLeavesTheQueueAlone()
    {
        var batcher = new AddBatcher<string>(SlotValue.Missing);
        batcher.Add("a", long.MaxValue);

        Assert.Throws<OverflowException>(() => batcher.Add("b", 1));
        Assert.Equal(1, batcher.WaitingCount);
        Assert.Equal(long.MaxValue, batcher.NextAttempt().To.Sum);
    }
}
