using System.Text.Json.Nodes;
using Glomers.NodeRuntime.Loop;
using Glomers.NodeRuntime.Protocol;
using Glomers.NodeRuntime.Time;
using Glomers.NodeRuntime.Transport;

namespace Glomers.NodeRuntime.Tests.Fixtures;

/// <summary>
/// A node on memory, a manual loop and a virtual clock: tests deliver lines, step the loop and
/// the clock, and read back exactly what the node sent.
/// </summary>
internal sealed class TestNode
{
    public TestNode(int seed = 7)
    {
        Node = new Node(new NodeContext(Transport, Loop, Clock, seed) { Logger = Log });
        Node.Start();
    }

    public InMemoryTransport Transport { get; } = new();
    public ManualEventLoop Loop { get; } = new();
    public VirtualTimeProvider Clock { get; } = new();
    public RecordingLogger Log { get; } = new();
    public Node Node { get; }

    /// <summary>A protocol line, as Maelstrom would write it.</summary>
    public static string Line(string src, string dest, string body) =>
        $$"""{"src":"{{src}}","dest":"{{dest}}","body":{{body}}}""";

    /// <summary>Delivers lines, runs the loop until it is idle, and returns what the node sent meanwhile.</summary>
    public IReadOnlyList<string> Deliver(params string[] lines)
    {
        foreach (var line in lines) Transport.Deliver(line);
        Loop.RunPending();
        return Transport.TakeSent();
    }

    /// <summary>Initialises the node as <paramref name="id"/> and forgets the init_ok.</summary>
    public TestNode Init(string id = "n1", params string[] nodeIds)
    {
        var ids = new JsonArray([.. (nodeIds.Length == 0 ? [id] : nodeIds).Select(n => (JsonNode)n)]);
        var sent = Deliver(Line("c0", id, $$"""{"type":"init","msg_id":1,"node_id":"{{id}}","node_ids":{{ids.ToJsonString()}}}"""));
        Assert.Single(sent);
        return this;
    }

    /// <summary>
    /// Moves the virtual clock timer by timer, running the loop at each due time as a live node
    /// would, and returns what the node sent meanwhile.
    /// </summary>
    public IReadOnlyList<string> Advance(TimeSpan by)
    {
        Clock.Run(() => Loop.RunPending() > 0, () => false, Clock.GetUtcNow() + by);
        return Transport.TakeSent();
    }

    /// <summary>Starts work on the node's loop, as a handler would, and runs the loop until idle.</summary>
    public Task<T> RunOnLoop<T>(Func<Task<T>> work)
    {
        Task<T>? task = null;
        Loop.Post(() => task = work());
        Loop.RunPending();
        return task!;
    }

    public Task RunOnLoop(Func<Task> work) => RunOnLoop(async () =>
    {
        await work();
        return true;
    });

    /// <summary>The value of a task that must already have succeeded: the loop ran everything it could.</summary>
    public static T Completed<T>(Task<T> task)
    {
        Assert.True(task.IsCompletedSuccessfully, $"expected success, task is {task.Status}: {task.Exception?.InnerException?.Message}");
        return task.Result;
    }

    /// <summary>The error of a task that must already have failed with an <see cref="RpcException"/>.</summary>
    public static RpcException Failed(Task task)
    {
        Assert.True(task.IsFaulted, $"expected an error, task is {task.Status}");
        return Assert.IsType<RpcException>(task.Exception!.InnerException);
    }
}
