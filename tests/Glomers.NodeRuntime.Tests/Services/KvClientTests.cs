using System.Text.Json.Nodes;
using Glomers.NodeRuntime.Protocol;
using Glomers.NodeRuntime.Services;
using Glomers.NodeRuntime.Tests.Fixtures;
using static Glomers.NodeRuntime.Tests.Fixtures.TestNode;

namespace Glomers.NodeRuntime.Tests.Services;

public class KvClientTests
{
    private readonly TestNode t = new TestNode().Init();

    private string Reply(string service, string body) => Line(service, "n1", body);

    [Fact]
    public void FactoriesAddressTheThreeServices()
    {
        Assert.Equal("seq-kv", KvClient.SeqKv(t.Node).Service);
        Assert.Equal("lin-kv", KvClient.LinKv(t.Node).Service);
        Assert.Equal("lww-kv", KvClient.LwwKv(t.Node).Service);
        Assert.Equal(TimeSpan.FromSeconds(1), KvClient.LinKv(t.Node).Timeout);
        Assert.Equal(TimeSpan.FromMilliseconds(300), KvClient.LinKv(t.Node, TimeSpan.FromMilliseconds(300)).Timeout);
    }

    [Fact]
    public void ReadSendsKeyAndReturnsTheValue()
    {
        var kv = KvClient.LinKv(t.Node);

        var read = t.RunOnLoop(() => kv.ReadAsync("counter"));
        var request = t.Transport.TakeSent();
        t.Deliver(Reply("lin-kv", """{"type":"read_ok","value":{"list":[1,2]},"in_reply_to":2}"""));

        Assert.Equal(["""{"src":"n1","dest":"lin-kv","body":{"type":"read","key":"counter","msg_id":2}}"""], request);
        Assert.Equal("""{"list":[1,2]}""", Completed(read)?.ToJsonString());
    }

    [Fact]
    public void ReadOfNullValueReturnsNull()
    {
        var kv = KvClient.SeqKv(t.Node);

        var read = t.RunOnLoop(() => kv.ReadAsync(7));
        var request = t.Transport.TakeSent();
        t.Deliver(Reply("seq-kv", """{"type":"read_ok","value":null,"in_reply_to":2}"""));

        Assert.Equal(["""{"src":"n1","dest":"seq-kv","body":{"type":"read","key":7,"msg_id":2}}"""], request);
        Assert.True(read.IsCompletedSuccessfully);
        Assert.Null(Completed(read));
    }

    [Fact]
    public void ReadOfMissingKeyThrowsKeyDoesNotExist()
    {
        var kv = KvClient.SeqKv(t.Node);

        var read = t.RunOnLoop(() => kv.ReadAsync("k"));
        t.Deliver(Reply("seq-kv", """{"type":"error","code":20,"text":"key does not exist","in_reply_to":2}"""));

        var error = Failed(read);
        Assert.Equal(ErrorCode.KeyDoesNotExist, error.Code);
        Assert.True(error.Definite);
    }

    [Fact]
    public void ReadOkWithoutValueIsMalformed()
    {
        var kv = KvClient.SeqKv(t.Node);

        var read = t.RunOnLoop(() => kv.ReadAsync("k"));
        t.Deliver(Reply("seq-kv", """{"type":"read_ok","in_reply_to":2}"""));

        Assert.Equal(ErrorCode.MalformedRequest, Failed(read).Code);
    }

    [Fact]
    public void ReadOrDefaultReturnsTheDefaultForAMissingKeyOnly()
    {
        var kv = KvClient.SeqKv(t.Node);

        var missing = t.RunOnLoop(() => kv.ReadOrDefaultAsync("k", "none"));
        t.Deliver(Reply("seq-kv", """{"type":"error","code":20,"in_reply_to":2}"""));
        var timedOut = t.RunOnLoop(() => kv.ReadOrDefaultAsync("k", "none"));
        t.Advance(kv.Timeout);

        Assert.Equal("none", Completed(missing)?.GetValue<string>());
        Assert.Equal(ErrorCode.Timeout, Failed(timedOut).Code);
    }

    [Fact]
    public void ReadInt64MapsValueMissingKeyAndNonInteger()
    {
        var kv = KvClient.SeqKv(t.Node);

        var present = t.RunOnLoop(() => kv.ReadInt64Async("a"));
        t.Deliver(Reply("seq-kv", """{"type":"read_ok","value":41,"in_reply_to":2}"""));
        var missing = t.RunOnLoop(() => kv.ReadInt64Async("b", missing: -5));
        t.Deliver(Reply("seq-kv", """{"type":"error","code":20,"in_reply_to":3}"""));
        var text = t.RunOnLoop(() => kv.ReadInt64Async("c"));
        t.Deliver(Reply("seq-kv", """{"type":"read_ok","value":"41","in_reply_to":4}"""));

        Assert.Equal(41, Completed(present));
        Assert.Equal(-5, Completed(missing));
        var error = Failed(text);
        Assert.Equal(ErrorCode.MalformedRequest, error.Code);
        Assert.Equal("seq-kv: value of \"c\" is not an integer: \"41\"", error.Message);
    }

    [Fact]
    public void WriteSendsKeyAndValueAndCompletesOnWriteOk()
    {
        var kv = KvClient.LwwKv(t.Node);
        var value = new JsonObject { ["n"] = 1 };

        var write = t.RunOnLoop(() => kv.WriteAsync("k", value));
        var request = t.Transport.TakeSent();
        t.Deliver(Reply("lww-kv", """{"type":"write_ok","in_reply_to":2}"""));

        Assert.Equal(["""{"src":"n1","dest":"lww-kv","body":{"type":"write","key":"k","value":{"n":1},"msg_id":2}}"""], request);
        Assert.True(write.IsCompletedSuccessfully);
        Assert.Null(value.Parent);
    }

    [Fact]
    public void CasSendsFromAndToWithoutCreateFlagByDefault()
    {
        var kv = KvClient.LinKv(t.Node);

        var cas = t.RunOnLoop(() => kv.CasAsync("k", 1, 2));
        var request = t.Transport.TakeSent();
        t.Deliver(Reply("lin-kv", """{"type":"cas_ok","in_reply_to":2}"""));

        Assert.Equal(["""{"src":"n1","dest":"lin-kv","body":{"type":"cas","key":"k","from":1,"to":2,"msg_id":2}}"""], request);
        Assert.True(cas.IsCompletedSuccessfully);
    }

    [Fact]
    public void CasWithCreateIfNotExistsSendsTheFlag()
    {
        var kv = KvClient.LinKv(t.Node);

        t.RunOnLoop(() => kv.CasAsync("k", null, "v", createIfNotExists: true));

        Assert.Equal(
            ["""{"src":"n1","dest":"lin-kv","body":{"type":"cas","key":"k","from":null,"to":"v","create_if_not_exists":true,"msg_id":2}}"""],
            t.Transport.TakeSent());
    }

    [Theory]
    [InlineData(22, ErrorCode.PreconditionFailed)]
    [InlineData(20, ErrorCode.KeyDoesNotExist)]
    public void CasFailureThrowsTheServiceCode(int wire, ErrorCode code)
    {
        var kv = KvClient.LinKv(t.Node);

        var cas = t.RunOnLoop(() => kv.CasAsync("k", 1, 2));
        t.Deliver(Reply("lin-kv", $$"""{"type":"error","code":{{wire}},"text":"current value 5 is not 1","in_reply_to":2}"""));

        var error = Failed(cas);
        Assert.Equal(code, error.Code);
        Assert.Equal("current value 5 is not 1", error.Message);
    }

    [Fact]
    public void KeyNodesOwnedByARequestCanBeUsedAsKeys()
    {
        var kv = KvClient.LinKv(t.Node);
        var request = JsonNode.Parse("""{"key":"owned"}""")!.AsObject();

        var read = t.RunOnLoop(() => kv.ReadAsync(request["key"]!));

        Assert.Equal(TaskStatus.WaitingForActivation, read.Status);
        Assert.Equal(["""{"src":"n1","dest":"lin-kv","body":{"type":"read","key":"owned","msg_id":2}}"""], t.Transport.TakeSent());
    }
}
