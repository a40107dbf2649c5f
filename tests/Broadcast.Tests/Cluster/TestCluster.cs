using System.Text.Json.Nodes;
using Glomers.NodeRuntime;
using Glomers.NodeRuntime.Loop;
using Glomers.NodeRuntime.Protocol;
using Glomers.NodeRuntime.Time;
using Glomers.NodeRuntime.Transport;

namespace Glomers.Broadcast.Tests.Cluster;

/// <summary>
/// A few broadcast nodes on one virtual clock, wired by a tiny router: node-to-node lines arrive
/// after a fixed latency unless the link is cut at arrival time; a client "c1" talks with no latency.
/// </summary>
public sealed class TestCluster
{
    private readonly Dictionary<string, Member> members = [];
    private readonly HashSet<(string From, string To)> cut = [];
    private readonly List<Message> toClient = [];
    private readonly TimeSpan latency;
    private long clientMsgId;

    public TestCluster(int size, BroadcastOptions options, int latencyMs = 100)
    {
        latency = TimeSpan.FromMilliseconds(latencyMs);
        NodeIds = [.. Enumerable.Range(0, size).Select(i => $"n{i}")];
        var seed = 1;
        foreach (var id in NodeIds)
        {
            var transport = new InMemoryTransport();
            var loop = new ManualEventLoop();
            var node = new Node(new NodeContext(transport, loop, Clock, seed++));
            _ = new BroadcastNode(node, options);
            transport.LineSent += line => Route(line);
            node.Start();
            members[id] = new Member(transport, loop);
        }
        foreach (var id in NodeIds)
        {
            var ids = new JsonArray([.. NodeIds.Select(n => JsonValue.Create(n))]);
            Expect(Request(id, new JsonObject { ["type"] = "init", ["node_id"] = id, ["node_ids"] = ids }), "init_ok");
        }
    }

    public VirtualTimeProvider Clock { get; } = new();

    public IReadOnlyList<string> NodeIds { get; }

    /// <summary>Node-to-node messages sent so far, dropped ones included (as Maelstrom counts them).</summary>
    public int NodeMessages { get; private set; }

    /// <summary>Sends each node the topology Maelstrom would, and checks the answer.</summary>
    public void SendTopology(Func<IReadOnlyList<string>, JsonObject> topology)
    {
        foreach (var id in NodeIds)
            Expect(Request(id, new JsonObject { ["type"] = "topology", ["topology"] = topology(NodeIds) }), "topology_ok");
    }

    public void Broadcast(string nodeId, long value) =>
        Expect(Request(nodeId, new JsonObject { ["type"] = "broadcast", ["message"] = value }), "broadcast_ok");

    public long[] Read(string nodeId)
    {
        var reply = Expect(Request(nodeId, new JsonObject { ["type"] = "read" }), "read_ok");
        return [.. ((JsonArray)reply.Required("messages")).Select(v => v!.GetValue<long>()).Order()];
    }

    /// <summary>Sends one client request and returns the node's answer, which comes at once or never.</summary>
    public Message Request(string nodeId, JsonObject body)
    {
        var id = ++clientMsgId;
        body["msg_id"] = id;
        members[nodeId].Transport.Deliver(EnvelopeCodec.Write("c1", nodeId, body));
        RunLoops();
        var reply = toClient.SingleOrDefault(m => m.InReplyTo == id)
            ?? throw new InvalidOperationException($"{nodeId} did not answer {body.ToJsonString()} at once");
        toClient.Remove(reply);
        return reply;
    }

    /// <summary>Cuts every link between <paramref name="side"/> and the other nodes, both ways.</summary>
    public void Partition(params string[] side)
    {
        foreach (var a in side)
        foreach (var b in NodeIds.Except(side))
        {
            cut.Add((a, b));
            cut.Add((b, a));
        }
    }

    public void CutOneWay(string from, string to) => cut.Add((from, to));

    public void Heal() => cut.Clear();

    /// <summary>Moves virtual time forward, running every timer and delivery in order.</summary>
    public void Run(TimeSpan duration)
    {
        var end = Clock.GetUtcNow() + duration;
        RunLoops();
        while (Clock.NextDue is { } due && due <= end)
        {
            Clock.AdvanceTo(due);
            RunLoops();
        }
        Clock.AdvanceTo(end);
        RunLoops();
    }

    public void RunMs(int ms) => Run(TimeSpan.FromMilliseconds(ms));

    private static Message Expect(Message reply, string type) =>
        reply.Type == type ? reply : throw new InvalidOperationException($"expected {type}, got {reply}");

    private void Route(string line)
    {
        if (!Message.TryParse(line, out var message, out var error)) throw new InvalidOperationException($"{error}: {line}");
        if (!members.TryGetValue(message.Dest, out var receiver))
        {
            toClient.Add(message);
            return;
        }
        NodeMessages++;
        Clock.CreateTimer(_ =>
        {
            if (!cut.Contains((message.Src, message.Dest))) receiver.Transport.Deliver(line);
        }, null, latency, Timeout.InfiniteTimeSpan);
    }

    private void RunLoops()
    {
        while (members.Values.Sum(m => m.Loop.RunPending()) > 0)
        {
        }
    }

    private sealed record Member(InMemoryTransport Transport, ManualEventLoop Loop);
}
