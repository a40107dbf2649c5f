using System.Text.Json.Nodes;
using Glomers.NodeRuntime.Loop;
using Glomers.NodeRuntime.Tests.Fixtures;
using Glomers.NodeRuntime.Time;
using Glomers.NodeRuntime.Transport;

namespace Glomers.NodeRuntime.Tests;

/// <summary>Only the loop touches a started node: debug builds throw on a call from any other thread; release builds do not check.</summary>
public class LoopRuleTests
{
    /// <summary>Runs <paramref name="call"/> on a thread of its own and returns what it threw.</summary>
    private static Exception? OnAnotherThread(Action call)
    {
        Exception? thrown = null;
        var thread = new Thread(() => thrown = Record.Exception(call));
        thread.Start();
        thread.Join();
        return thrown;
    }

    private static void AssertCaught(Exception? thrown, string member)
    {
#if DEBUG
        var e = Assert.IsType<InvalidOperationException>(thrown);
        Assert.StartsWith($"Node.{member} was called off the node's loop", e.Message);
#else
        Assert.Null(thrown);
#endif
    }

    [Fact]
    public void SendFromAnotherThreadIsCaught()
    {
        var t = new TestNode().Init();

        var thrown = OnAnotherThread(() => t.Node.Send("n2", new JsonObject { ["type"] = "note" }));

        AssertCaught(thrown, "Send");
#if DEBUG
        Assert.Empty(t.Transport.Sent);
#else
        Assert.Single(t.Transport.Sent);
#endif
    }

    [Fact]
    public void RpcAndPendingStateFromAnotherThreadAreCaught()
    {
        var t = new TestNode().Init();

        AssertCaught(OnAnotherThread(() => _ = t.Node.RpcAsync("n2", new JsonObject { ["type"] = "q" }, TimeSpan.FromSeconds(1))), "RpcAsync");
        AssertCaught(OnAnotherThread(() => _ = t.Node.PendingRpcCount), "PendingRpcCount");
        AssertCaught(OnAnotherThread(() => t.Node.On("late", _ => { })), "On");
    }

    [Fact]
    public void TheThreadThatBuildsANodeMayRegisterHandlersBeforeItStarts()
    {
        Node? node = null;
        var thrown = OnAnotherThread(() =>
        {
            node = new Node(new NodeContext(new InMemoryTransport(), new ManualEventLoop(), new VirtualTimeProvider(), 1));
            node.On("echo", _ => { });
            node.OnInit(() => { });
        });

        Assert.Null(thrown);
        Assert.NotNull(node);
    }

    [Fact]
    public async Task AThreadLoopTakesWorkPostedToItAndCatchesADirectCall()
    {
        var transport = new InMemoryTransport();
        using var loop = new ThreadEventLoop(_ => { });
        var node = new Node(new NodeContext(transport, loop, new VirtualTimeProvider(), 1));
        node.Start();
        var posted = new TaskCompletionSource<Exception?>();

        loop.Post(() => posted.SetResult(Record.Exception(() => node.Send("n2", new JsonObject { ["type"] = "note" }))));
        var direct = Record.Exception(() => node.Send("n2", new JsonObject { ["type"] = "note" }));

        Assert.Null(await posted.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        AssertCaught(direct, "Send");
    }

    [Fact]
    public void PeriodicWorkStoppedFromAnotherThreadStopsOnTheLoop()
    {
        var t = new TestNode().Init();
        var ticks = 0;
        var work = t.Node.Every(TimeSpan.FromMilliseconds(100), () => ticks++);
        t.Advance(TimeSpan.FromMilliseconds(100));

        Assert.Null(OnAnotherThread(work.Dispose));
        t.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(1, ticks);
    }
}
