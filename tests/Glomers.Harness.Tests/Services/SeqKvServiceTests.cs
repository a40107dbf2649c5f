using Glomers.Harness.Services;
using static Glomers.Harness.Tests.Services.Requests;

namespace Glomers.Harness.Tests.Services;

public class SeqKvServiceTests
{
    private static readonly string[] Callers = ["n0", "n1", "n2", "n3", "n4"];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void CallerNeverSeesStatesGoBackwards(int seed)
    {
        // Every state change sets x to a fresh, larger number, so x orders the states. The ring is
        // larger than the run so that no caller falls out of it (see the test on that below).
        var workload = new Random(seed);
        var kv = new SeqKvService(new Random(seed), history: 8192);
        var lastSeen = Callers.ToDictionary(c => c, _ => 0L);
        long newest = 0;
        var staleReads = 0;
        for (var i = 0; i < 4000; i++)
        {
            var caller = Callers[workload.Next(Callers.Length)];
            long seen;
            switch (workload.Next(4))
            {
                case 0:
                    Assert.Equal(WriteOk, kv.Call(caller, Write("x", ++newest)));
                    seen = newest;
                    break;
                case 1:
                    var to = ++newest;
                    seen = ObservedByCas(kv.Handle(caller, Body(Cas("x", workload.NextInt64(to), to)))!, to);
                    break;
                default:
                    seen = kv.ReadValue(caller, "x") ?? 0;
                    if (seen < newest) staleReads++;
                    break;
            }
            Assert.True(seen >= lastSeen[caller], $"{caller} saw x={seen} after x={lastSeen[caller]} at step {i}");
            lastSeen[caller] = seen;
        }
        Assert.InRange(staleReads, 100, 4000);
    }

    [Fact]
    public void UniqueWriteIsVisibleToTheWritersNextRead()
    {
        var workload = new Random(11);
        var kv = new SeqKvService(new Random(11));
        for (var round = 1; round <= 300; round++)
        {
            kv.Call(Callers[1 + workload.Next(4)], Write($"y{workload.Next(5)}", round));
            kv.Call("n0", Write("x", round));
            kv.Call(Callers[1 + workload.Next(4)], Write($"y{workload.Next(5)}", round));
            Assert.Equal(round, kv.ReadValue("n0", "x"));
        }
    }

    [Fact]
    public void OtherCallersReadStaleStatesButEventuallyTheLatest()
    {
        var kv = new SeqKvService(new Random(4));
        for (var v = 1; v <= 8; v++) kv.Call("n0", Write("x", v));

        var firstReads = Enumerable.Range(0, 64).Select(i => kv.ReadValue($"fresh{i}", "x")).ToHashSet();
        Assert.True(firstReads.Count > 1, "fresh callers should not all see the same state");

        var reads = Enumerable.Range(0, 200).Select(_ => kv.ReadValue("n1", "x")).ToList();
        Assert.Contains(8L, reads);
        Assert.All(reads.SkipWhile(v => v != 8), v => Assert.Equal(8, v));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void SuccessfulCasMovesTheCallerToTheNewestState(int seed)
    {
        var kv = new SeqKvService(new Random(seed));
        kv.Call("n0", Write("x", 0));
        for (var v = 1; v <= 10; v++) kv.Call("n1", Write("y", v));

        Assert.Equal(CasOk, kv.Call("n0", Cas("x", 0, 1)));
        Assert.Equal(10, kv.ReadValue("n0", "y"));
    }

    [Fact]
    public void CasIsDecidedAgainstTheLatestStateEvenWhenItWouldSucceedOnAStaleOne()
    {
        var appendedByFailedCas = 0;
        for (var seed = 0; seed < 40; seed++)
        {
            var kv = new SeqKvService(new Random(seed));
            kv.Call("n0", Write("x", 1));
            kv.Call("n1", Write("x", 2));
            Assert.Equal(PreconditionFailed("current value 2 is not 1"), kv.Call("n0", Cas("x", 1, 3)));
            // When the stale pick said yes, the rerun on the latest state still appends a state.
            if (kv.LatestIndex == 3) appendedByFailedCas++;
            Assert.Equal(2, kv.ReadValue("n0", "x"));
        }
        Assert.InRange(appendedByFailedCas, 1, 39);
    }

    [Fact]
    public void RewritingAValueAStaleStateHoldsMayBeOrderedIntoThePast()
    {
        // Maelstrom's documented example: n0's second write of 1 can land before n1's write of 2.
        var readsAfterRewrite = new HashSet<long?>();
        for (var seed = 0; seed < 60; seed++)
        {
            var kv = new SeqKvService(new Random(seed));
            kv.Call("n0", Write("x", 1));
            kv.Call("n1", Write("x", 2));
            Assert.Equal(WriteOk, kv.Call("n0", Write("x", 1)));
            readsAfterRewrite.Add(kv.ReadValue("n0", "x"));
        }
        Assert.Equal([1L, 2L], readsAfterRewrite.Order());
    }

    [Fact]
    public void CasToTheSameValueMayLeaveTheCallerOnAStaleState()
    {
        var sawStale = false;
        for (var seed = 0; seed < 60; seed++)
        {
            var kv = new SeqKvService(new Random(seed));
            kv.Call("n0", Write("x", 1));
            for (var v = 1; v <= 5; v++) kv.Call("n1", Write("y", v));
            Assert.Equal(CasOk, kv.Call("n0", Cas("x", 1, 1)));
            sawStale |= kv.ReadValue("n0", "y") is null or < 5;
        }
        Assert.True(sawStale);
    }

    [Fact]
    public void CallerBehindTheRingIsHandedTheKeptStateWithTheSameIndexModuloTheRing()
    {
        var kv = new SeqKvService(new Random(1), history: 4);
        for (var v = 1; v <= 10; v++) kv.Call("n1", Write("x", v));

        // States 7..10 are kept; index 0 maps to 8 and index 5 to 9, as Maelstrom's ring buffer does.
        Assert.Equal(ReadOk(8), kv.StateAt(0).Handle(Body(Read("x")))!.Value.Reply.ToJsonString());
        Assert.Equal(ReadOk(9), kv.StateAt(5).Handle(Body(Read("x")))!.Value.Reply.ToJsonString());
        Assert.Equal(ReadOk(7), kv.StateAt(7).Handle(Body(Read("x")))!.Value.Reply.ToJsonString());
    }

    [Fact]
    public void CallerBehindTheRingMaySeeStatesGoBackwards()
    {
        var wentBackwards = false;
        for (var seed = 0; seed < 20 && !wentBackwards; seed++)
        {
            var kv = new SeqKvService(new Random(seed), history: 4);
            for (var v = 1; v <= 40; v++) kv.Call("n1", Write("x", v));
            var reads = Enumerable.Range(0, 10).Select(_ => kv.ReadValue("n0", "x")!.Value).ToList();
            wentBackwards = reads.Zip(reads.Skip(1)).Any(pair => pair.Second < pair.First);
        }
        Assert.True(wentBackwards);
    }

    [Fact]
    public void UnknownRequestGetsNoReplyAndAddsNoState()
    {
        var kv = new SeqKvService(new Random(1));
        kv.Call("n0", Write("x", 1));
        Assert.Null(kv.Call("n0", """{"type":"ts"}"""));
        Assert.Equal(1, kv.LatestIndex);
    }

    [Fact]
    public void BodyWithARepeatedKeyIsDroppedWithoutReply()
    {
        var kv = new SeqKvService(new Random(1));
        Assert.Null(kv.Call("n0", """{"type":"write","key":"x","key":"y","value":1}"""));
        Assert.Equal(0, kv.LatestIndex);
        Assert.Equal(KeyDoesNotExist, kv.Call("n0", Read("x")));
    }

    [Fact]
    public void SameSeedGivesTheSameAnswers()
    {
        Assert.Equal(Script(new SeqKvService(new Random(9))), Script(new SeqKvService(new Random(9))));
        Assert.NotEqual(Script(new SeqKvService(new Random(9))), Script(new SeqKvService(new Random(10))));
    }

    [Fact]
    public void WritesToManyKeysAllReachTheLatestState()
    {
        var kv = new SeqKvService(new Random(1));
        for (var i = 0; i < 5000; i++) kv.Call("n0", Write($"k{i}", i));
        Assert.Equal(5000, kv.StateAt(kv.LatestIndex).Count);
        Assert.Equal(4999, kv.ReadValue("n0", "k4999"));
    }

    private static List<string?> Script(SeqKvService kv)
    {
        var replies = new List<string?>();
        for (var v = 1; v <= 30; v++)
        {
            replies.Add(kv.Call("n0", Write("x", v)));
            replies.Add(kv.Call("n1", Read("x")));
            replies.Add(kv.Call("n2", Cas("x", v - 1, v + 100)));
        }
        return replies;
    }

    private static long ObservedByCas(System.Text.Json.Nodes.JsonObject reply, long to) =>
        (string?)reply["type"] == "cas_ok" ? to
        : (int?)reply["code"] == 20 ? 0
        : long.Parse(((string)reply["text"]!).Split(' ')[2]);
}
