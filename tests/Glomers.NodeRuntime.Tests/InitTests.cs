using Glomers.NodeRuntime.Tests.Fixtures;
using static Glomers.NodeRuntime.Tests.Fixtures.TestNode;

namespace Glomers.NodeRuntime.Tests;

public class InitTests
{
    [Fact]
    public void InitRecordsIdsAndAnswersInitOkToTheSender()
    {
        var t = new TestNode();

        var sent = t.Deliver(Line("c0", "n2", """{"type":"init","msg_id":1,"node_id":"n2","node_ids":["n1","n2","n3"]}"""));

        Assert.Equal(["""{"src":"n2","dest":"c0","body":{"type":"init_ok","msg_id":1,"in_reply_to":1}}"""], sent);
        Assert.Equal("n2", t.Node.Id);
        Assert.Equal(["n1", "n2", "n3"], t.Node.NodeIds);
        Assert.Equal(["n1", "n3"], t.Node.Peers);
        Assert.True(t.Node.Initialized);
    }

    [Fact]
    public void InitHooksRunAfterInitOkIsSent()
    {
        var t = new TestNode();
        var seenAtHook = new List<string>();
        t.Node.OnInit(() => seenAtHook.AddRange(t.Transport.Sent));
        t.Node.OnInit(async () =>
        {
            await Task.Yield();
            seenAtHook.Add("async hook ran as " + t.Node.Id);
        });

        t.Init("n1");

        Assert.Equal(
            ["""{"src":"n1","dest":"c0","body":{"type":"init_ok","msg_id":1,"in_reply_to":1}}""", "async hook ran as n1"],
            seenAtHook);
    }

    [Fact]
    public void FailingInitHookDoesNotStopLaterHooksOrRequests()
    {
        var t = new TestNode();
        var ran = false;
        t.Node.OnInit(() => throw new InvalidOperationException("boom"));
        t.Node.OnInit(() => ran = true);
        t.Node.On("ping", m => t.Node.Reply(m, new() { ["type"] = "pong" }));

        t.Init();
        var sent = t.Deliver(Line("c1", "n1", """{"type":"ping","msg_id":1}"""));

        Assert.True(ran);
        Assert.Equal(["""{"src":"n1","dest":"c1","body":{"type":"pong","msg_id":2,"in_reply_to":1}}"""], sent);
    }

    [Fact]
    public void RequestBeforeInitIsTemporarilyUnavailable()
    {
        var t = new TestNode();
        t.Node.On("echo", m => t.Node.Reply(m, new() { ["type"] = "echo_ok" }));

        var sent = t.Deliver(Line("c1", "n1", """{"type":"echo","msg_id":4,"echo":"x"}"""));

        // Before init the node has no id of its own, so it answers as the address the request was sent to.
        Assert.Equal(
            ["""{"src":"n1","dest":"c1","body":{"type":"error","code":11,"text":"echo before init","msg_id":1,"in_reply_to":4}}"""],
            sent);
    }

    [Fact]
    public void SecondInitWithTheSameIdIsAnsweredAgain()
    {
        var t = new TestNode().Init("n1");

        var sent = t.Deliver(Line("c5", "n1", """{"type":"init","msg_id":1,"node_id":"n1","node_ids":["n1"]}"""));

        Assert.Equal(["""{"src":"n1","dest":"c5","body":{"type":"init_ok","msg_id":2,"in_reply_to":1}}"""], sent);
    }

    [Fact]
    public void SecondInitWithAnotherIdIsRefusedAndKeepsTheFirstId()
    {
        var t = new TestNode().Init("n1", "n1", "n2");

        var sent = t.Deliver(Line("c5", "n2", """{"type":"init","msg_id":1,"node_id":"n2","node_ids":["n1","n2"]}"""));

        Assert.Equal(
            ["""{"src":"n1","dest":"c5","body":{"type":"error","code":22,"text":"init: already initialised as n1","msg_id":2,"in_reply_to":1}}"""],
            sent);
        Assert.Equal("n1", t.Node.Id);
    }

    [Theory]
    [InlineData("""{"type":"init","msg_id":1,"node_id":"n1"}""", "init: missing field 'node_ids'")]
    [InlineData("""{"type":"init","msg_id":1,"node_ids":["n1"]}""", "init: missing field 'node_id'")]
    [InlineData("""{"type":"init","msg_id":1,"node_id":7,"node_ids":["n1"]}""", "init: field 'node_id' must be a string, got 7")]
    [InlineData("""{"type":"init","msg_id":1,"node_id":"n1","node_ids":"n1"}""", "init: field 'node_ids' must be an array of strings")]
    [InlineData("""{"type":"init","msg_id":1,"node_id":"n1","node_ids":["n1",2]}""", "init: field 'node_ids' must be an array of strings")]
    public void MalformedInitIsRefusedWithMalformedRequest(string body, string text)
    {
        var t = new TestNode();
        var hookRan = false;
        t.Node.OnInit(() => hookRan = true);

        var sent = t.Deliver(Line("c0", "n1", body));

        Assert.Equal([$$$"""{"src":"n1","dest":"c0","body":{"type":"error","code":12,"text":"{{{text}}}","msg_id":1,"in_reply_to":1}}"""], sent);
        Assert.False(t.Node.Initialized);
        Assert.False(hookRan);
    }

    [Fact]
    public void NodeCanBeInitialisedAfterAMalformedInit()
    {
        var t = new TestNode();
        t.Deliver(Line("c0", "n1", """{"type":"init","msg_id":1,"node_id":"n1"}"""));

        var sent = t.Deliver(Line("c1", "n1", """{"type":"init","msg_id":1,"node_id":"n1","node_ids":["n1"]}"""));

        Assert.Equal(["""{"src":"n1","dest":"c1","body":{"type":"init_ok","msg_id":2,"in_reply_to":1}}"""], sent);
    }
}
