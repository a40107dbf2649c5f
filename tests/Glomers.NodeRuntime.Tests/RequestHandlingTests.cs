using System.Text.Json.Nodes;
using Glomers.NodeRuntime.Protocol;
using Glomers.NodeRuntime.Tests.Fixtures;
using static Glomers.NodeRuntime.Tests.Fixtures.TestNode;

namespace Glomers.NodeRuntime.Tests;

public class RequestHandlingTests
{
    [Fact]
    public void MsgIdsStartAtOneAndRiseByOnePerMessageSent()
    {
        var t = new TestNode();
        t.Node.On("ping", m =>
        {
            t.Node.Send("n2", new JsonObject { ["type"] = "note" });
            t.Node.Reply(m, new JsonObject { ["type"] = "pong" });
        });

        var sent = t.Deliver(
            Line("c0", "n1", """{"type":"init","msg_id":1,"node_id":"n1","node_ids":["n1","n2"]}"""),
            Line("c1", "n1", """{"type":"ping","msg_id":1}"""),
            Line("c2", "n1", """{"type":"ping","msg_id":1}"""));

        Assert.Equal(
        [
            """{"src":"n1","dest":"c0","body":{"type":"init_ok","msg_id":1,"in_reply_to":1}}""",
            """{"src":"n1","dest":"n2","body":{"type":"note","msg_id":2}}""",
            """{"src":"n1","dest":"c1","body":{"type":"pong","msg_id":3,"in_reply_to":1}}""",
            """{"src":"n1","dest":"n2","body":{"type":"note","msg_id":4}}""",
            """{"src":"n1","dest":"c2","body":{"type":"pong","msg_id":5,"in_reply_to":1}}""",
        ], sent);
    }

    [Fact]
    public void UnknownBodyFieldsSurviveAnEchoedBody()
    {
        var t = new TestNode().Init();
        t.Node.On("echo", m =>
        {
            var body = (JsonObject)m.Body.DeepClone();
            body["type"] = "echo_ok";
            t.Node.Reply(m, body);
        });

        var sent = t.Deliver("""{"id":17,"src":"c1","dest":"n1","body":{"type":"echo","msg_id":9,"echo":{"a":[1,2.5,null,true],"b":"é<>&'"},"extra":{"deep":{"x":-1}}}}""");

        // The request's msg_id is replaced by the node's own, and in_reply_to names the request.
        Assert.Equal(
            ["""{"src":"n1","dest":"c1","body":{"type":"echo_ok","echo":{"a":[1,2.5,null,true],"b":"é<>&'"},"extra":{"deep":{"x":-1}},"msg_id":2,"in_reply_to":9}}"""],
            sent);
    }

    [Fact]
    public void UnknownTypeIsNotSupported()
    {
        var t = new TestNode().Init();

        var sent = t.Deliver(Line("c1", "n1", """{"type":"frobnicate","msg_id":3}"""));

        Assert.Equal(
            ["""{"src":"n1","dest":"c1","body":{"type":"error","code":10,"text":"unsupported message type 'frobnicate'","msg_id":2,"in_reply_to":3}}"""],
            sent);
    }

    [Fact]
    public void SyncHandlerThatThrowsAnswersCrashAndTheNextRequestIsServed()
    {
        var t = new TestNode().Init();
        var calls = 0;
        t.Node.On("work", m =>
        {
            if (++calls == 1) throw new InvalidOperationException("first call fails");
            t.Node.Reply(m, new JsonObject { ["type"] = "work_ok" });
        });

        var sent = t.Deliver(
            Line("c1", "n1", """{"type":"work","msg_id":1}"""),
            Line("c1", "n1", """{"type":"work","msg_id":2}"""));

        Assert.Equal(
        [
            """{"src":"n1","dest":"c1","body":{"type":"error","code":13,"text":"InvalidOperationException: first call fails","msg_id":2,"in_reply_to":1}}""",
            """{"src":"n1","dest":"c1","body":{"type":"work_ok","msg_id":3,"in_reply_to":2}}""",
        ], sent);
    }

    [Fact]
    public void AsyncHandlerThatThrowsAfterAnAwaitAnswersCrashAndTheNextRequestIsServed()
    {
        var t = new TestNode().Init();
        var calls = 0;
        t.Node.On("work", async m =>
        {
            await t.Node.Delay(TimeSpan.FromMilliseconds(10));
            if (++calls == 1) throw new KeyNotFoundException("no such thing");
            t.Node.Reply(m, new JsonObject { ["type"] = "work_ok" });
        });

        Assert.Empty(t.Deliver(Line("c1", "n1", """{"type":"work","msg_id":1}""")));
        var failed = t.Advance(TimeSpan.FromMilliseconds(10));
        t.Deliver(Line("c1", "n1", """{"type":"work","msg_id":2}"""));
        var served = t.Advance(TimeSpan.FromMilliseconds(10));

        Assert.Equal(["""{"src":"n1","dest":"c1","body":{"type":"error","code":13,"text":"KeyNotFoundException: no such thing","msg_id":2,"in_reply_to":1}}"""], failed);
        Assert.Equal(["""{"src":"n1","dest":"c1","body":{"type":"work_ok","msg_id":3,"in_reply_to":2}}"""], served);
    }

    [Theory]
    [InlineData(ErrorCode.KeyDoesNotExist, 20)]
    [InlineData(ErrorCode.TxnConflict, 30)]
    [InlineData((ErrorCode)1001, 1001)]
    public void HandlerThrowingRpcExceptionAnswersItsCode(ErrorCode code, int wire)
    {
        var t = new TestNode().Init();
        t.Node.On("read", _ => throw new RpcException(code, "nope"));

        var sent = t.Deliver(Line("c1", "n1", """{"type":"read","msg_id":5}"""));

        Assert.Equal([$$$"""{"src":"n1","dest":"c1","body":{"type":"error","code":{{{wire}}},"text":"nope","msg_id":2,"in_reply_to":5}}"""], sent);
    }

    [Fact]
    public void MalformedFieldInARequestAnswersMalformedRequest()
    {
        var t = new TestNode().Init();
        t.Node.On("add", m => t.Node.Reply(m, new JsonObject { ["type"] = "add_ok", ["sum"] = m.GetInt64("delta") + 1 }));

        var sent = t.Deliver(Line("c1", "n1", """{"type":"add","msg_id":5,"delta":"three"}"""));

        Assert.Equal(
            ["""{"src":"n1","dest":"c1","body":{"type":"error","code":12,"text":"add: field 'delta' must be an integer, got \"three\"","msg_id":2,"in_reply_to":5}}"""],
            sent);
    }

    [Fact]
    public void RequestWithoutMsgIdIsHandledButNotAnswered()
    {
        var t = new TestNode().Init();
        var seen = 0;
        t.Node.On("gossip", m =>
        {
            seen++;
            t.Node.Reply(m, new JsonObject { ["type"] = "gossip_ok" });
        });

        var sent = t.Deliver(Line("n2", "n1", """{"type":"gossip"}"""), Line("n2", "n1", """{"type":"nothing-registered"}"""));

        Assert.Equal(1, seen);
        Assert.Empty(sent);
    }

    [Fact]
    public void RegisteringInitOrATypeTwiceIsRefused()
    {
        var node = new TestNode().Node;
        node.On("a", _ => { });

        Assert.Throws<ArgumentException>(() => node.On("init", _ => { }));
        Assert.Throws<ArgumentException>(() => node.On("a", _ => { }));
    }
}
