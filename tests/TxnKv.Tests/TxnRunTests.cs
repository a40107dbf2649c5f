using System.Text.Json.Nodes;

namespace Glomers.TxnKv.Tests;

public class TxnRunTests
{
    private static MicroOp[] Txn(string json)
    {
        Assert.True(MicroOp.TryParseTxn(JsonNode.Parse(json), out var ops, out var error), error);
        return ops;
    }

    [Fact]
    public void ReadsSeeTheTxnsOwnEarlierWritesAndOtherwiseTheStore()
    {
        var store = new Dictionary<string, JsonNode?> { ["1"] = 10, ["2"] = 20 };

        var (done, _) = TxnRun.Execute(Txn("""[["r",1,null],["w",1,11],["r",1,null],["r",2,null],["r",3,null]]"""), k => store.GetValueOrDefault(k));

        Assert.Equal("""[["r",1,10],["w",1,11],["r",1,11],["r",2,20],["r",3,null]]""", done.ToJsonString());
    }

    [Fact]
    public void OnlyTheLastWriteOfEachKeyLeavesTheTxnInFirstWriteOrder()
    {
        var (_, writes) = TxnRun.Execute(Txn("""[["w",1,1],["w",2,1],["w",1,2],["w",1,3]]"""), _ => null);

        Assert.Equal([("1", "3"), ("2", "1")], writes.Select(w => (w.KeyText, w.Value.ToJsonString())));
    }

    [Fact]
    public void RunningATxnLeavesTheStoreUntouched()
    {
        var (done, writes) = TxnRun.Execute(Txn("""[["r",5,null]]"""), _ => null);

        Assert.Equal("""[["r",5,null]]""", done.ToJsonString());
        Assert.Empty(writes);
    }
}
