using System.Text.Json.Nodes;

namespace Glomers.TxnKv.Tests;

public class ReplicaTests
{
    private static MicroOp[] Txn(string json)
    {
        Assert.True(MicroOp.TryParseTxn(JsonNode.Parse(json), out var ops, out var error), error);
        return ops;
    }

    private static FinalWrite Write(long key, long value) => new(key.ToString(), key, value);

    [Fact]
    public void AWritingTxnIsStampedAboveEverythingTheReplicaHasSeen()
    {
        var a = new Replica(0);
        a.ApplyRemote(1, new LoggedTxn(41, [Write(1, 5)]));

        Assert.Equal("""[["r",1,5],["w",1,6]]""", a.Execute(Txn("""[["r",1,null],["w",1,6]]""")).ToJsonString());

        // It read a write of time 41, so its own write, at 42, follows it everywhere.
        Assert.Equal(new Stamp(42, 0), a.Registers.StampOf("1"));
        Assert.Equal(42, a.Log[1].Time);
    }

    [Fact]
    public void ReadOnlyTxnsLogNothingAndMoveNoClock()
    {
        var a = new Replica(0);
        a.Execute(Txn("""[["r",1,null],["r",2,null]]"""));

        Assert.Equal((0L, 0L), (a.Clock, a.Log.End));
    }

    [Fact]
    public void OnlyFinalWritesAreLogged()
    {
        var a = new Replica(0);
        a.Execute(Txn("""[["w",1,1],["w",1,2]]"""));

        Assert.Equal([("1", "2")], a.Log[1].Writes.Select(w => (w.KeyText, w.Value.ToJsonString())));
    }

    [Fact]
    public void ReplicasThatMergeTheSameTxnsInAnyOrderAgree()
    {
        var txns = new (int Origin, LoggedTxn Txn)[]
        {
            (0, new LoggedTxn(3, [Write(1, 1), Write(2, 1)])),
            (1, new LoggedTxn(3, [Write(1, 2)])),
            (1, new LoggedTxn(2, [Write(2, 2), Write(3, 2)])),
            (0, new LoggedTxn(5, [Write(3, 3)])),
        };
        var forward = new Replica(2);
        var backward = new Replica(3);
        foreach (var (o, t) in txns) forward.ApplyRemote(o, t);
        foreach (var (o, t) in txns.Reverse()) backward.ApplyRemote(o, t);
        // Duplicates change nothing.
        foreach (var (o, t) in txns) backward.ApplyRemote(o, t);

        string State(Replica r) => string.Join(",", new[] { "1", "2", "3" }.Select(k => $"{k}={r.Registers.Read(k)!.ToJsonString()}"));
        // Key 1: time 3 on both nodes, node 1 wins the tie; key 2: time 3 beats 2; key 3: time 5.
        Assert.Equal("1=2,2=1,3=3", State(forward));
        Assert.Equal(State(forward), State(backward));
        Assert.Equal(5, forward.Clock);
    }
}
