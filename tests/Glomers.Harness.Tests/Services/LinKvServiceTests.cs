using Glomers.Harness.Services;
using static Glomers.Harness.Tests.Services.Requests;

namespace Glomers.Harness.Tests.Services;

public class LinKvServiceTests
{
    private readonly LinKvService kv = new();

    [Fact]
    public void ReadOfMissingKeyIsKeyDoesNotExist() =>
        Assert.Equal(KeyDoesNotExist, kv.Call("n0", Read("x")));

    [Fact]
    public void WriteThenReadReturnsTheValue()
    {
        Assert.Equal(WriteOk, kv.Call("n0", Write("x", 5)));
        Assert.Equal(ReadOk(5), kv.Call("n1", Read("x")));
    }

    [Fact]
    public void WriteKeepsAnyJsonValue()
    {
        kv.Call("n0", """{"type":"write","key":"x","value":{"a":[1,"b",null]}}""");
        Assert.Equal("""{"type":"read_ok","value":{"a":[1,"b",null]}}""", kv.Call("n0", Read("x")));
    }

    [Fact]
    public void CasWithMatchingFromSetsTo()
    {
        kv.Call("n0", Write("x", 1));
        Assert.Equal(CasOk, kv.Call("n0", Cas("x", 1, 2)));
        Assert.Equal(ReadOk(2), kv.Call("n0", Read("x")));
    }

    [Fact]
    public void CasWithStaleFromIsPreconditionFailedWithBothValues()
    {
        kv.Call("n0", Write("x", 3));
        Assert.Equal(PreconditionFailed("current value 3 is not 1"), kv.Call("n0", Cas("x", 1, 2)));
        Assert.Equal(ReadOk(3), kv.Call("n0", Read("x")));
    }

    [Fact]
    public void PreconditionTextPrintsValuesAsClojureData()
    {
        kv.Call("n0", """{"type":"write","key":"x","value":["a",1.5,null]}""");
        var reply = kv.Handle("n0", Body("""{"type":"cas","key":"x","from":"a","to":1}"""));
        Assert.Equal("current value [\"a\" 1.5 nil] is not \"a\"", (string?)reply!["text"]);
    }

    [Fact]
    public void CasOnMissingKeyIsKeyDoesNotExist() =>
        Assert.Equal(KeyDoesNotExist, kv.Call("n0", Cas("x", 1, 2)));

    [Fact]
    public void CasWithCreateIfNotExistsCreatesMissingKey()
    {
        Assert.Equal(CasOk, kv.Call("n0", """{"type":"cas","key":"x","from":7,"to":8,"create_if_not_exists":true}"""));
        Assert.Equal(ReadOk(8), kv.Call("n0", Read("x")));
    }

    [Fact]
    public void CreateIfNotExistsDoesNotBypassTheComparisonOnAnExistingKey()
    {
        kv.Call("n0", Write("x", 3));
        Assert.Equal(PreconditionFailed("current value 3 is not 7"),
            kv.Call("n0", """{"type":"cas","key":"x","from":7,"to":8,"create_if_not_exists":true}"""));
    }

    [Theory]
    [InlineData("false", false)]
    [InlineData("null", false)]
    [InlineData("0", true)]
    [InlineData("\"false\"", true)]
    public void CreateIfNotExistsFollowsClojureTruthiness(string flag, bool creates)
    {
        var reply = kv.Call("n0", $$"""{"type":"cas","key":"x","from":1,"to":2,"create_if_not_exists":{{flag}}}""");
        Assert.Equal(creates ? CasOk : KeyDoesNotExist, reply);
    }

    [Fact]
    public void IntegerAndDoubleAreDifferentValues()
    {
        kv.Call("n0", Write("x", 1));
        Assert.Equal(PreconditionFailed("current value 1 is not 1.0"),
            kv.Call("n0", """{"type":"cas","key":"x","from":1.0,"to":2}"""));
    }

    [Fact]
    public void DoublesCompareByValueNotByText()
    {
        kv.Call("n0", """{"type":"write","key":"x","value":1.0}""");
        Assert.Equal(CasOk, kv.Call("n0", """{"type":"cas","key":"x","from":10e-1,"to":2}"""));
    }

    [Fact]
    public void ObjectsCompareRegardlessOfKeyOrder()
    {
        kv.Call("n0", """{"type":"write","key":"x","value":{"a":1,"b":2}}""");
        Assert.Equal(CasOk, kv.Call("n0", """{"type":"cas","key":"x","from":{"b":2,"a":1},"to":0}"""));
    }

    [Fact]
    public void NumericKeyOneAndStringKeyOneAreDistinct()
    {
        kv.Call("n0", """{"type":"write","key":1,"value":10}""");
        Assert.Equal(KeyDoesNotExist, kv.Call("n0", """{"type":"read","key":"1"}"""));
        Assert.Equal(KeyDoesNotExist, kv.Call("n0", """{"type":"read","key":1.0}"""));
        Assert.Equal(ReadOk(10), kv.Call("n0", """{"type":"read","key":1}"""));
    }

    [Fact]
    public void MissingFieldsActAsNullLikeMaelstrom()
    {
        // Maelstrom reads absent fields as nil and goes on; it sends no malformed-request error.
        Assert.Equal(WriteOk, kv.Call("n0", """{"type":"write"}"""));
        Assert.Equal("""{"type":"read_ok","value":null}""", kv.Call("n0", """{"type":"read","key":null}"""));
        Assert.Equal(CasOk, kv.Call("n0", """{"type":"cas","to":4}"""));
        Assert.Equal(ReadOk(4), kv.Call("n0", """{"type":"read"}"""));
    }

    [Theory]
    [InlineData("""{"type":"ts"}""")]
    [InlineData("""{"type":"delete","key":"x"}""")]
    [InlineData("""{"type":7}""")]
    [InlineData("""{"key":"x"}""")]
    public void UnknownRequestGetsNoReplyAndChangesNothing(string request)
    {
        kv.Call("n0", Write("x", 1));
        Assert.Null(kv.Call("n0", request));
        Assert.Equal(ReadOk(1), kv.Call("n0", Read("x")));
    }

    [Fact]
    public void ReplyValueIsACopyThatCanBeKeptAndChanged()
    {
        kv.Call("n0", """{"type":"write","key":"x","value":[1]}""");
        var reply = kv.Handle("n0", Body(Read("x")))!;
        reply["value"]!.AsArray().Add(2);
        Assert.Equal("""{"type":"read_ok","value":[1]}""", kv.Call("n0", Read("x")));
    }

    [Fact]
    public void RepeatedObjectKeysKeepTheLastLikeMaelstromsDecoder()
    {
        Assert.Equal(WriteOk, kv.Call("n0", """{"type":"write","key":{"k":0,"k":1},"value":{"a":1,"b":[{"c":1,"c":3}],"a":2}}"""));
        Assert.Equal("""{"type":"read_ok","value":{"a":2,"b":[{"c":3}]}}""", kv.Call("n0", """{"type":"read","key":{"k":1}}"""));
        Assert.Equal(CasOk, kv.Call("n0", """{"type":"cas","key":{"k":1},"from":{"b":[{"c":0,"c":3}],"a":2},"to":5}"""));
    }

    [Fact]
    public void BodyWithARepeatedKeyIsDroppedWithoutReply()
    {
        kv.Call("n0", Write("x", 1));
        Assert.Null(kv.Call("n0", """{"type":"write","key":"x","value":2,"value":3}"""));
        Assert.Equal(ReadOk(1), kv.Call("n0", Read("x")));
    }
}
