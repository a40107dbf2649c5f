using Glomers.Harness.Workloads;

namespace Glomers.Harness.Tests.Generators;

/// <summary>Elle's wr-txns as the bench reproduces it: lengths, the 50/50 mix, unique writes per key, the key pool and its weights.</summary>
public sealed class WriteReadTxnsTests
{
    private static List<IReadOnlyList<MicroOp>> Generate(WriteReadTxns txns, int count, int seed = 7)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => txns.Next(random))];
    }

    [Fact]
    public void LengthsCoverOneToTheMaximumAndNoMore()
    {
        var lengths = Generate(new WriteReadTxns(10, 1, 4, 16), 4000).Select(t => t.Count).ToList();

        Assert.Equal([1, 2, 3, 4], lengths.Distinct().Order());
        // Uniform over four lengths: each near a quarter.
        Assert.All(lengths.GroupBy(l => l), g => Assert.InRange(g.Count(), 900, 1100));
    }

    [Fact]
    public void ReadsAndWritesComeHalfAndHalfAndReadsCarryNull()
    {
        var mops = Generate(new WriteReadTxns(10, 1, 4, 1000), 4000).SelectMany(t => t).ToList();

        var writes = mops.Count(m => m.IsWrite);
        Assert.InRange(writes / (double)mops.Count, 0.48, 0.52);
        Assert.All(mops.Where(m => !m.IsWrite), m => Assert.Null(m.Value));
    }

    [Fact]
    public void EachKeyIsWrittenOneTwoThreeUpToTheLimitThenReplaced()
    {
        var txns = new WriteReadTxns(3, 1, 4, 5);
        var mops = Generate(txns, 500).SelectMany(t => t).ToList();

        foreach (var key in mops.Where(m => m.IsWrite).GroupBy(m => m.Key))
            Assert.Equal(Enumerable.Range(1, key.Count()).Select(v => (long?)v), key.Select(m => m.Value));
        Assert.All(mops.Where(m => m.IsWrite).GroupBy(m => m.Key), g => Assert.True(g.Count() <= 5));
        // Retired keys make room for new ones above the largest: three keys in play at any time.
        Assert.Equal(3, txns.ActiveKeys.Count);
        Assert.True(txns.ActiveKeys.Min() > 2);
        Assert.True(mops.Max(m => m.Key) >= 50);
    }

    [Fact]
    public void KeyCountKeysStartTheRunAndTheNewestKeysAreDrawnMostOften()
    {
        var txns = new WriteReadTxns(10, 1, 1, 1_000_000);
        var keys = Generate(txns, 20_000).Select(t => t[0].Key).ToList();

        Assert.Equal(Enumerable.Range(0, 10).Select(k => (long)k), keys.Distinct().Order());
        // Weights 2, 4, …, 1024 over 2046: key 9 half the time, key 8 a quarter.
        Assert.InRange(keys.Count(k => k == 9) / 20_000.0, 0.48, 0.52);
        Assert.InRange(keys.Count(k => k == 8) / 20_000.0, 0.23, 0.27);
        Assert.InRange(keys.Count(k => k == 0), 5, 60);
    }

    [Fact]
    public void AHugeKeyPoolStillDrawsValidKeys()
    {
        var keys = Generate(new WriteReadTxns(5000, 1, 1, 16), 2000).Select(t => t[0].Key).ToList();

        // Slots below the last ten together weigh about 2^-10; retired keys come back as 5000, 5001, ….
        Assert.All(keys, k => Assert.InRange(k, 0, 5000 + 2000));
        Assert.True(keys.Count(k => k < 4990) <= 20);
    }

    [Fact]
    public void SameSeedSameTxns()
    {
        var a = Generate(new WriteReadTxns(10, 1, 4, 16), 300);
        var b = Generate(new WriteReadTxns(10, 1, 4, 16), 300);

        Assert.Equal(a.SelectMany(t => t), b.SelectMany(t => t));
    }
}
