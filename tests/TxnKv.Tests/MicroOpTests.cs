using System.Text.Json.Nodes;

namespace Glomers.TxnKv.Tests;

public class MicroOpTests
{
    private static (bool Ok, MicroOp[] Ops, string Error) Parse(string json)
    {
        var ok = MicroOp.TryParseTxn(JsonNode.Parse(json), out var ops, out var error);
        return (ok, ops, error);
    }

    [Fact]
    public void ReadsAndWritesParseWithTheirKeysText()
    {
        var (ok, ops, error) = Parse("""[["r",1,null],["w",1,7],["w","a",{"x":1}]]""");

        Assert.True(ok, error);
        Assert.Equal([(false, "1", "null"), (true, "1", "7"), (true, "\"a\"", """{"x":1}""")],
            ops.Select(o => (o.IsWrite, o.KeyText, o.Value?.ToJsonString() ?? "null")));
    }

    [Theory]
    [InlineData("""{"r":1}""", """txn: field 'txn' must be a list of micro-ops, got {"r":1}""")]
    [InlineData("null", "txn: field 'txn' must be a list of micro-ops, got null")]
    [InlineData("""[["r",1,null],["x",1,2]]""", """txn: micro-op 1 ["x",1,2] has an unknown function: only "r" and "w" are micro-ops""")]
    [InlineData("""[["w",3]]""", """txn: micro-op 0 ["w",3] writes no value""")]
    [InlineData("""[["w",3,null]]""", """txn: micro-op 0 ["w",3,null] writes no value""")]
    [InlineData("""[["r",null,null]]""", """txn: micro-op 0 ["r",null,null] has no key""")]
    [InlineData("""[7]""", "txn: micro-op 0 7 is not a list [f, k, v]")]
    [InlineData("""[["r"]]""", """txn: micro-op 0 ["r"] has 1 elements, not [f, k, v]""")]
    [InlineData("""[["w",1,2,3]]""", """txn: micro-op 0 ["w",1,2,3] has 4 elements, not [f, k, v]""")]
    public void ABadTxnIsRefusedWithWhatIsWrong(string json, string expected)
    {
        var (ok, ops, error) = Parse(json);

        Assert.False(ok);
        Assert.Empty(ops);
        Assert.Equal(expected, error);
    }
}
