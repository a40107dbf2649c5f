using Glomers.Harness.Checkers;
using Glomers.Harness.Workloads;

namespace Glomers.Harness.Tests.Checkers;

public class SetFullCheckerTests
{
    private static readonly SetFullChecker Broadcast = new("broadcast");

    private static string Json(CheckResult r, string key) => r.Details[key]?.ToJsonString() ?? "null";

    [Fact]
    public void LostAckedBroadcastIsReported()
    {
        var result = new HistoryBuilder()
            .Done(0, "broadcast", 0)      // known at 1 ms
            .Done(0, "broadcast", 1)
            .At(10).Read(1, 0, 1)          // invoked at 10 ms, sees both
            .At(20).Read(1, 1)             // invoked at 20 ms, misses 0
            .Check(Broadcast);

        Assert.Equal(Validity.False, result.Valid);
        Assert.Equal("[0]", Json(result, "lost"));
        Assert.Equal("1", Json(result, "lost-count"));
        Assert.Equal("1", Json(result, "stable-count"));
        // Lost time is just after the last read that saw it (10 ms + 1 ns), known at 1 ms: 9 ms.
        Assert.Equal("""{"0":9,"0.5":9,"0.95":9,"0.99":9,"1":9}""", Json(result, "lost-latencies"));
    }

    [Fact]
    public void StaleReadIsCountedButDoesNotInvalidate()
    {
        var result = new HistoryBuilder()
            .Done(0, "broadcast", 0)       // ok at 1 ms
            .At(5).Read(1)                 // invoked at 5 ms, misses it
            .At(20).Read(1, 0)
            .Check(Broadcast);

        Assert.Equal(Validity.True, result.Valid);
        Assert.Equal("1", Json(result, "stale-count"));
        Assert.Equal("[0]", Json(result, "stale"));
        Assert.Equal("""{"0":4,"0.5":4,"0.95":4,"0.99":4,"1":4}""", Json(result, "stable-latencies"));
        // As in Maelstrom, whose set-full sees broadcasts renamed to adds: the known op is quoted with f add.
        Assert.Equal(JsonText.Compact("""
            [{"element":0,"outcome":"stable","stable-latency":4,"lost-latency":null,
              "known":{"index":1,"time":1000000,"type":"ok","process":0,"f":"add","value":0},
              "last-absent":{"index":2,"time":5000000,"type":"invoke","process":1,"f":"read","value":null}}]
            """), Json(result, "worst-stale"));
    }

    [Fact]
    public void ElementsWithoutALaterReadOrAnAckAreNeverRead()
    {
        var result = new HistoryBuilder()
            .Done(0, "broadcast", 0)
            .Invoke(2, "broadcast", 2).Info(2)   // indefinite and never seen: its absence means nothing
            .Read(1, 0)
            .Done(0, "broadcast", 1)              // no read after it
            .Check(Broadcast);

        Assert.Equal(Validity.True, result.Valid);
        Assert.Equal("[1,2]", Json(result, "never-read"));
        Assert.Equal("2", Json(result, "never-read-count"));
        Assert.Equal("3", Json(result, "attempt-count"));
    }

    [Fact]
    public void ReadConcurrentWithTheAddThatMissesItIsNotALoss()
    {
        var result = new HistoryBuilder()
            .Invoke(0, "broadcast", 0)
            .Invoke(1, "read")
            .Ok(0, 0)
            .Ok(1, HistoryBuilder.Ints())
            .Check(Broadcast);

        Assert.Equal("0", Json(result, "lost-count"));
        Assert.Equal("[0]", Json(result, "never-read"));
        Assert.Equal(Validity.Unknown, result.Valid);
    }

    [Fact]
    public void NothingStableIsUnknown()
    {
        var result = new HistoryBuilder().Done(0, "broadcast", 0).Done(0, "broadcast", 1).Check(Broadcast);

        Assert.Equal(Validity.Unknown, result.Valid);
        Assert.Equal("0", Json(result, "stable-count"));
        Assert.False(result.Details.ContainsKey("stable-latencies"));
    }

    [Fact]
    public void StableLatencyQuantilesAreExact()
    {
        // Element i is acked at 100·i + 1 ms and missed by a read invoked latency[i] ms later.
        long[] latency = [0, 3, 1, 7, 2];
        var h = new HistoryBuilder();
        for (var i = 0; i < latency.Length; i++)
        {
            h.At(100 * i).Done(0, "broadcast", i);
            if (latency[i] > 0) h.At(100 * i + 1 + latency[i]).Read(1, [.. Enumerable.Range(0, i).Select(x => (long)x)]);
        }
        var result = h.At(1000).Read(1, 0, 1, 2, 3, 4).Check(Broadcast);

        Assert.Equal(Validity.True, result.Valid);
        Assert.Equal("""{"0":0,"0.5":2,"0.95":7,"0.99":7,"1":7}""", Json(result, "stable-latencies"));
        Assert.Equal("[1,2,3,4]", Json(result, "stale"));
        var worst = result.Details["worst-stale"]!.AsArray().Select(w => w!["element"]!.GetValue<int>());
        Assert.Equal([3, 1, 4, 2], worst);
    }

    [Fact]
    public void QuantileIndexIsFloorOfNTimesQCappedAtTheLast()
    {
        var d = SetFullChecker.Distribution([.. Enumerable.Range(1, 10).Select(x => (long)x)]);

        Assert.Equal("""{"0":1,"0.5":6,"0.95":10,"0.99":10,"1":10}""", d.ToJsonString());
    }

    [Fact]
    public void DuplicateElementsInAReadAreNeverReported()
    {
        var result = new HistoryBuilder().Done(0, "broadcast", 0).Read(1, 0, 0, 0).Check(Broadcast);

        Assert.Equal(Validity.True, result.Valid);
        Assert.Equal("0", Json(result, "duplicated-count"));
        Assert.Equal("{}", Json(result, "duplicated"));
    }

    [Fact]
    public void GSetCheckerTreatsAddAsTheAddOp()
    {
        var result = new HistoryBuilder()
            .Done(0, "add", 7)
            .Read(1, 7)
            .Read(1)
            .Check(WorkloadCatalog.Checker("g-set"));

        Assert.Equal(Validity.False, result.Valid);
        Assert.Equal("[7]", Json(result, "lost"));
    }

    [Fact]
    public void ReadThatIsNotAnArrayIsAClearError()
    {
        var h = new HistoryBuilder().Done(0, "broadcast", 0).Invoke(1, "read").Ok(1, 5);

        var e = Assert.Throws<InvalidDataException>(() => h.Check(Broadcast));
        Assert.Contains("not an array", e.Message);
    }
}
