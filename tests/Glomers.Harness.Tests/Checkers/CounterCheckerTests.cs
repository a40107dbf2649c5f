using Glomers.Harness.Checkers;

namespace Glomers.Harness.Tests.Checkers;

public class CounterCheckerTests
{
    private static readonly CounterChecker Counter = new();

    private static HistoryBuilder FinalRead(HistoryBuilder h, int process, long value) =>
        h.Invoke(process, "read", final: true).Ok(process, value, final: true);

    [Fact]
    public void EmptyHistoryAcceptsZero()
    {
        var result = new HistoryBuilder().Check(Counter);

        Assert.Equal(Validity.True, result.Valid);
        Assert.Equal("""{"errors":null,"final-reads":[],"acceptable":[[0,0]]}""", result.Details.ToJsonString());
    }

    [Fact]
    public void FinalReadOutsideBoundsIsAnError()
    {
        var h = new HistoryBuilder().Done(0, "add", 2).Done(1, "add", 3);
        FinalRead(h, 0, 5);
        FinalRead(h, 1, 4);

        var result = h.Check(Counter);

        Assert.Equal(Validity.False, result.Valid);
        Assert.Equal("[5,4]", result.Details["final-reads"]!.ToJsonString());
        Assert.Equal("[[5,5]]", result.Details["acceptable"]!.ToJsonString());
        var error = Assert.Single(result.Details["errors"]!.AsArray());
        Assert.Equal(4, error!["value"]!.GetValue<long>());
        Assert.True(error["final?"]!.GetValue<bool>());
    }

    [Fact]
    public void ReadIsInsideThanksToAnIndefiniteAdd()
    {
        var h = new HistoryBuilder().Done(0, "add", 2).Invoke(1, "add", 3).Info(1, 3);
        FinalRead(h, 0, 5);
        FinalRead(h, 2, 2);

        var result = h.Check(Counter);

        Assert.Equal(Validity.True, result.Valid);
        Assert.Equal("[[2,2],[5,5]]", result.Details["acceptable"]!.ToJsonString());
    }

    [Fact]
    public void FailedAddsAreIgnored()
    {
        var h = new HistoryBuilder().Done(0, "add", 2).Invoke(1, "add", 3).Fail(1, 3);
        FinalRead(h, 0, 5);

        var result = h.Check(Counter);

        Assert.Equal(Validity.False, result.Valid);
        Assert.Equal("[[2,2]]", result.Details["acceptable"]!.ToJsonString());
    }

    [Fact]
    public void NonFinalReadsAreNotChecked()
    {
        var result = new HistoryBuilder().Done(0, "add", 2).Read(1, 99).Check(Counter);

        Assert.Equal(Validity.True, result.Valid);
        Assert.Equal("[]", result.Details["final-reads"]!.ToJsonString());
    }

    [Fact]
    public void NegativeDeltasGiveSeparateRanges()
    {
        // Maelstrom's own pn-counter example.
        var h = new HistoryBuilder().Done(0, "add", 10)
            .Invoke(1, "add", 5).Info(1, 5)
            .Invoke(2, "add", -1).Info(2, -1)
            .Invoke(3, "add", -1).Info(3, -1);
        FinalRead(h, 0, 11);
        FinalRead(h, 4, 15);

        var result = h.Check(Counter);

        Assert.Equal(Validity.False, result.Valid);
        Assert.Equal("[[8,10],[13,15]]", result.Details["acceptable"]!.ToJsonString());
        Assert.Equal(11, Assert.Single(result.Details["errors"]!.AsArray())!["value"]!.GetValue<long>());
    }

    [Theory]
    [InlineData(1, 1500, -5, 4)]
    [InlineData(2, 1500, 0, 4)]
    [InlineData(3, 14, -60, 60)]
    public void AcceptableIsExactlyEverySubsetSum(int seed, int indefiniteAdds, int minDelta, int maxDelta)
    {
        var random = new Random(seed);
        var h = new HistoryBuilder().Done(0, "add", 7);
        var deltas = new List<long>();
        for (var i = 0; i < indefiniteAdds; i++)
        {
            long d = random.Next(minDelta, maxDelta + 1);
            deltas.Add(d);
            h.Invoke(1, "add", d).Info(1, d);
        }

        var result = h.Check(Counter);

        Assert.Equal(BruteForceRanges(7, deltas), result.Details["acceptable"]!.ToJsonString());
    }

    [Fact]
    public void DeltasTooFarApartToEnumerateAreAClearError()
    {
        // Powers of three from 1 give 2^(k-1) separate ranges: 2^17 here, over the limit.
        var h = new HistoryBuilder();
        long delta = 1;
        for (var i = 0; i < 18; i++, delta *= 3) h.Invoke(1, "add", delta).Info(1, delta);

        var e = Assert.Throws<InvalidDataException>(() => h.Check(Counter));
        Assert.Contains("ranges", e.Message);
    }

    [Fact]
    public void NonIntegerDeltaIsAClearError()
    {
        var h = new HistoryBuilder().Invoke(0, "add", "three").Ok(0, "three");

        var e = Assert.Throws<InvalidDataException>(() => h.Check(Counter));
        Assert.Contains("not an integer", e.Message);
    }

    // Marks every reachable sum in a flat array, then reads the runs back as ranges.
    private static string BruteForceRanges(long start, List<long> deltas)
    {
        var low = start + deltas.Where(d => d < 0).Sum();
        var high = start + deltas.Where(d => d > 0).Sum();
        var reachable = new bool[high - low + 1];
        reachable[start - low] = true;
        foreach (var d in deltas)
        {
            var next = (bool[])reachable.Clone();
            for (var i = 0; i < reachable.Length; i++)
                if (reachable[i]) next[i + d] = true;
            reachable = next;
        }
        var ranges = new List<string>();
        for (var i = 0; i < reachable.Length; i++)
        {
            if (!reachable[i]) continue;
            var j = i;
            while (j + 1 < reachable.Length && reachable[j + 1]) j++;
            ranges.Add($"[{i + low},{j + low}]");
            i = j;
        }
        return "[" + string.Join(",", ranges) + "]";
    }
}
