using Glomers.Harness.Services;
using static Glomers.Harness.Tests.Services.Requests;

namespace Glomers.Harness.Tests.Services;

public class LwwKvServiceTests
{
    [Fact]
    public void CasIgnoresCreateIfNotExists()
    {
        var kv = new LwwKvService(new Random(1));
        for (var i = 0; i < 10; i++)
            Assert.Equal(KeyDoesNotExist, kv.Call("n0", """{"type":"cas","key":"x","from":1,"to":2,"create_if_not_exists":true}"""));
        Assert.Equal(KeyDoesNotExist, kv.Call("n0", Read("x")));
    }

    [Fact]
    public void OneReplicaBehavesLikeAKvStore()
    {
        var kv = new LwwKvService(new Random(1), replicaCount: 1);
        Assert.Equal(WriteOk, kv.Call("n0", Write("x", 1)));
        Assert.Equal(CasOk, kv.Call("n1", Cas("x", 1, 2)));
        Assert.Equal(ReadOk(2), kv.Call("n2", Read("x")));
    }

    [Fact]
    public void PreconditionTextPrintsTheExpectedValueWithStr()
    {
        // Maelstrom's lww-kv formats "from" with str, so a string loses its quotes and nil prints as nothing.
        var kv = new LwwKvService(new Random(1), replicaCount: 1);
        kv.Call("n0", """{"type":"write","key":"x","value":"b"}""");
        Assert.Equal("current value \"b\" is not a", TextOf(kv.Call("n0", """{"type":"cas","key":"x","from":"a","to":"c"}""")));
        Assert.Equal("current value \"b\" is not ", TextOf(kv.Call("n0", """{"type":"cas","key":"x","to":"c"}""")));
    }

    [Fact]
    public void WritesAreStampedWithTheReplicaLamportClock()
    {
        var kv = new LwwKvService(new Random(1), replicaCount: 1);
        kv.Call("n0", Write("x", 1));
        kv.Call("n0", Write("y", 1));
        kv.Call("n0", Cas("x", 1, 2));
        kv.Call("n0", Cas("x", 7, 3));
        var replica = kv.Replicas[0];
        Assert.Equal((2L, 2L), Stamp(replica, "x"));
        Assert.Equal((1L, 1L), Stamp(replica, "y"));
        Assert.Equal(3, replica.Clock);
    }

    [Fact]
    public void ReplicasNeverConvergeBecauseMaelstromDiscardsItsMerge()
    {
        var kv = new LwwKvService(new Random(3));
        kv.Call("n0", Write("x", 1));
        // ToList first: LINQ would skip calling the selector for the skipped elements.
        var lastReads = Enumerable.Range(0, 400).Select(_ => kv.Call("n1", Read("x"))).ToList().Skip(300).ToHashSet();
        Assert.Equal([KeyDoesNotExist, ReadOk(1)], lastReads.Order());
    }

    [Fact]
    public void ReplicasConvergeWhenMergesApply()
    {
        var kv = new LwwKvService(new Random(3), applyMerges: true);
        kv.Call("n0", Write("x", 1));
        // ToList first: LINQ would skip calling the selector for the skipped elements.
        var lastReads = Enumerable.Range(0, 400).Select(_ => kv.Call("n1", Read("x"))).ToList().Skip(300).ToHashSet();
        Assert.Equal([ReadOk(1)], lastReads);
    }

    [Fact]
    public void MergeKeepsTheLaterTimestampPerKeyAndTheLargerClock()
    {
        var a = Apply(LwwReplica.Empty, Write("x", 1), Write("x", 2), Write("only-a", 5));
        var b = Apply(LwwReplica.Empty, Write("x", 9), Write("only-b", 6));

        foreach (var merged in new[] { LwwReplica.Merge(a, b), LwwReplica.Merge(b, a) })
        {
            Assert.Equal((1L, 2L), Stamp(merged, "x"));
            Assert.Equal(5, (long?)merged.Find("only-a")!.Value);
            Assert.Equal(6, (long?)merged.Find("only-b")!.Value);
            Assert.Equal(3, merged.Clock);
        }
    }

    [Fact]
    public void MergeOnEqualTimestampsKeepsTheSource()
    {
        var a = Apply(LwwReplica.Empty, Write("x", 1));
        var b = Apply(LwwReplica.Empty, Write("x", 9));
        Assert.Equal(1, (long?)LwwReplica.Merge(a, b).Find("x")!.Value);
        Assert.Equal(9, (long?)LwwReplica.Merge(b, a).Find("x")!.Value);
    }

    [Fact]
    public void UnknownRequestGetsNoReplyAndChangesNoReplica()
    {
        var kv = new LwwKvService(new Random(1), applyMerges: true);
        Assert.Null(kv.Call("n0", """{"type":"ts"}"""));
        Assert.All(kv.Replicas, replica => Assert.Same(LwwReplica.Empty, replica));
    }

    [Fact]
    public void SameSeedGivesTheSameAnswers()
    {
        Assert.Equal(Script(new LwwKvService(new Random(5))), Script(new LwwKvService(new Random(5))));
        Assert.NotEqual(Script(new LwwKvService(new Random(5))), Script(new LwwKvService(new Random(6))));
    }

    private static List<string?> Script(LwwKvService kv) =>
        Enumerable.Range(1, 30).SelectMany(v => new[] { kv.Call("n0", Write("x", v)), kv.Call("n1", Read("x")) }).ToList();

    private static (long Timestamp, long Value) Stamp(LwwReplica replica, string key) =>
        replica.Find(key) is { } stamped ? (stamped.Timestamp, (long)stamped.Value!) : (-1, -1);

    private static string? TextOf(string? reply) => (string?)Body(reply!)["text"];

    private static LwwReplica Apply(LwwReplica replica, params string[] requests) =>
        requests.Aggregate(replica, (current, request) => current.Handle(Body(request))!.Value.State);
}
