using System.Text.Json.Nodes;
using Glomers.NodeRuntime.Protocol;
using Glomers.NodeRuntime.Tests.Fixtures;
using static Glomers.NodeRuntime.Tests.Fixtures.TestNode;

namespace Glomers.NodeRuntime.Tests;

public class RpcTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public void RpcSendsTheRequestWithAFreshMsgIdAndResolvesWithTheReply()
    {
        var t = new TestNode().Init();

        var call = t.RunOnLoop(() => t.Node.RpcAsync("lin-kv", new JsonObject { ["type"] = "read", ["key"] = "k" }, Second));
        var request = t.Transport.TakeSent();
        // Services answer without a msg_id of their own: in_reply_to alone must match.
        t.Deliver(Line("lin-kv", "n1", """{"type":"read_ok","value":3,"in_reply_to":2}"""));

        Assert.Equal(["""{"src":"n1","dest":"lin-kv","body":{"type":"read","key":"k","msg_id":2}}"""], request);
        Assert.True(call.IsCompletedSuccessfully);
        Assert.Equal(3, Completed(call).GetInt64("value"));
        Assert.Equal("lin-kv", Completed(call).Src);
        Assert.Equal(0, t.Node.PendingRpcCount);
    }

    [Fact]
    public void RepliesAreMatchedOnInReplyToEvenOutOfOrder()
    {
        var t = new TestNode().Init();
        var first = t.RunOnLoop(() => t.Node.RpcAsync("n2", new JsonObject { ["type"] = "q" }, Second));
        var second = t.RunOnLoop(() => t.Node.RpcAsync("n2", new JsonObject { ["type"] = "q" }, Second));

        t.Deliver(
            Line("n2", "n1", """{"type":"q_ok","msg_id":40,"in_reply_to":3,"tag":"second"}"""),
            Line("n2", "n1", """{"type":"q_ok","msg_id":41,"in_reply_to":2,"tag":"first"}"""));

        Assert.Equal("first", Completed(first).GetString("tag"));
        Assert.Equal("second", Completed(second).GetString("tag"));
    }

    [Fact]
    public void ReplyThatNothingWaitsForIsDroppedNotHandled()
    {
        var t = new TestNode().Init();
        var handled = 0;
        t.Node.On("read_ok", _ => handled++);

        var sent = t.Deliver(Line("lin-kv", "n1", """{"type":"read_ok","value":1,"in_reply_to":99}"""));

        Assert.Equal(0, handled);
        Assert.Empty(sent);
    }

    [Theory]
    [InlineData(20, ErrorCode.KeyDoesNotExist, true)]
    [InlineData(22, ErrorCode.PreconditionFailed, true)]
    [InlineData(11, ErrorCode.TemporarilyUnavailable, true)]
    [InlineData(13, ErrorCode.Crash, false)]
    [InlineData(0, ErrorCode.Timeout, false)]
    [InlineData(1005, (ErrorCode)1005, false)]
    public void ErrorReplyThrowsRpcExceptionWithItsCodeAndDefiniteness(int wire, ErrorCode code, bool definite)
    {
        var t = new TestNode().Init();
        var call = t.RunOnLoop(() => t.Node.RpcAsync("seq-kv", new JsonObject { ["type"] = "read", ["key"] = "k" }, Second));

        t.Deliver(Line("seq-kv", "n1", $$"""{"type":"error","code":{{wire}},"text":"said the service","in_reply_to":2}"""));

        var error = Failed(call);
        Assert.Equal(code, error.Code);
        Assert.Equal(definite, error.Definite);
        Assert.Equal("said the service", error.Message);
        Assert.Equal(0, t.Node.PendingRpcCount);
    }

    [Fact]
    public void ErrorReplyWithoutCodeCountsAsCrash()
    {
        var t = new TestNode().Init();
        var call = t.RunOnLoop(() => t.Node.RpcAsync("n2", new JsonObject { ["type"] = "q" }, Second));

        t.Deliver(Line("n2", "n1", """{"type":"error","in_reply_to":2}"""));

        var error = Failed(call);
        Assert.Equal(ErrorCode.Crash, error.Code);
        Assert.Equal("crash", error.Message);
    }

    [Fact]
    public void RpcTimesOutOnTheVirtualClock()
    {
        var t = new TestNode().Init();
        var call = t.RunOnLoop(() => t.Node.RpcAsync("n2", new JsonObject { ["type"] = "q" }, TimeSpan.FromMilliseconds(500)));
        t.Transport.TakeSent();

        t.Advance(TimeSpan.FromMilliseconds(499));
        var pendingJustBefore = call.IsCompleted;
        t.Advance(TimeSpan.FromMilliseconds(1));

        Assert.False(pendingJustBefore);
        var error = Failed(call);
        Assert.Equal(ErrorCode.Timeout, error.Code);
        Assert.False(error.Definite);
        Assert.Equal("q to n2 timed out after 500 ms", error.Message);
        Assert.Equal(0, t.Node.PendingRpcCount);
    }

    [Fact]
    public void LateReplyAfterTimeoutIsDroppedQuietly()
    {
        var t = new TestNode().Init();
        var call = t.RunOnLoop(() => t.Node.RpcAsync("n2", new JsonObject { ["type"] = "q" }, Second));
        t.Transport.TakeSent();
        t.Advance(Second);

        var sent = t.Deliver(Line("n2", "n1", """{"type":"q_ok","in_reply_to":2}"""));

        Assert.Equal(ErrorCode.Timeout, Failed(call).Code);
        Assert.Empty(sent);
        Assert.Equal(0, t.Node.PendingRpcCount);
        Assert.Contains(t.Log.Entries, e => e.Text.StartsWith("Dropped a reply to 2 from n2", StringComparison.Ordinal));
    }

    [Fact]
    public void ReplyBeforeTheTimeoutDisarmsTheTimer()
    {
        var t = new TestNode().Init();
        var call = t.RunOnLoop(() => t.Node.RpcAsync("n2", new JsonObject { ["type"] = "q" }, Second));
        t.Deliver(Line("n2", "n1", """{"type":"q_ok","in_reply_to":2}"""));

        t.Advance(TimeSpan.FromSeconds(5));

        Assert.True(call.IsCompletedSuccessfully);
        Assert.Null(t.Clock.NextDue);
    }

    [Fact]
    public void CancellationRemovesThePendingCall()
    {
        var t = new TestNode().Init();
        using var cancel = new CancellationTokenSource();
        var call = t.RunOnLoop(() => t.Node.RpcAsync("n2", new JsonObject { ["type"] = "q" }, Second, cancel.Token));
        t.Transport.TakeSent();

        cancel.Cancel();
        t.Loop.RunPending();
        var late = t.Deliver(Line("n2", "n1", """{"type":"q_ok","in_reply_to":2}"""));

        Assert.True(call.IsCanceled);
        Assert.Equal(0, t.Node.PendingRpcCount);
        Assert.Null(t.Clock.NextDue);
        Assert.Empty(late);
    }

    [Fact]
    public void AlreadyCancelledTokenSendsNothing()
    {
        var t = new TestNode().Init();
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();

        Assert.Throws<OperationCanceledException>(() => { _ = t.Node.RpcAsync("n2", new JsonObject { ["type"] = "q" }, Second, cancel.Token); });
        Assert.Empty(t.Transport.Sent);
        Assert.Equal(0, t.Node.PendingRpcCount);
    }

    [Fact]
    public void CancelPendingRpcsCancelsEveryWaitingCall()
    {
        var t = new TestNode().Init();
        var a = t.RunOnLoop(() => t.Node.RpcAsync("n2", new JsonObject { ["type"] = "q" }, Second));
        var b = t.RunOnLoop(() => t.Node.RpcAsync("n3", new JsonObject { ["type"] = "q" }, Second));

        t.Node.CancelPendingRpcs();

        Assert.True(a.IsCanceled);
        Assert.True(b.IsCanceled);
        Assert.Equal(0, t.Node.PendingRpcCount);
        Assert.Null(t.Clock.NextDue);
    }

    [Fact]
    public void HandlerAwaitingAnRpcAnswersWhenTheReplyArrives()
    {
        var t = new TestNode().Init();
        t.Node.On("get", async m =>
        {
            var reply = await t.Node.RpcAsync("lin-kv", new JsonObject { ["type"] = "read", ["key"] = m.GetString("key") }, Second);
            t.Node.Reply(m, new JsonObject { ["type"] = "get_ok", ["value"] = reply.GetInt64("value") });
        });

        var asked = t.Deliver(Line("c1", "n1", """{"type":"get","msg_id":1,"key":"x"}"""));
        var answered = t.Deliver(Line("lin-kv", "n1", """{"type":"read_ok","value":42,"in_reply_to":2}"""));

        Assert.Equal(["""{"src":"n1","dest":"lin-kv","body":{"type":"read","key":"x","msg_id":2}}"""], asked);
        Assert.Equal(["""{"src":"n1","dest":"c1","body":{"type":"get_ok","value":42,"msg_id":3,"in_reply_to":1}}"""], answered);
    }

    [Fact]
    public void HandlerWhoseRpcFailsAnswersTheRpcErrorCode()
    {
        var t = new TestNode().Init();
        t.Node.On("get", async m =>
        {
            await t.Node.RpcAsync("lin-kv", new JsonObject { ["type"] = "read", ["key"] = "x" }, Second);
            t.Node.Reply(m, new JsonObject { ["type"] = "get_ok" });
        });

        t.Deliver(Line("c1", "n1", """{"type":"get","msg_id":1}"""));
        var answered = t.Advance(Second);

        Assert.Equal(
            ["""{"src":"n1","dest":"c1","body":{"type":"error","code":0,"text":"read to lin-kv timed out after 1000 ms","msg_id":3,"in_reply_to":1}}"""],
            answered);
    }
}
