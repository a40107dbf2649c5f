using System.Text.Json.Nodes;
using Glomers.NodeRuntime;
using Glomers.NodeRuntime.Loop;
using Glomers.NodeRuntime.Protocol;
using Glomers.NodeRuntime.Time;
using Glomers.NodeRuntime.Transport;

namespace Glomers.GCounter.Tests;

/// <summary>
/// Counter nodes on manual loops and one virtual clock, wired to a <see cref="FakeSeqKv"/> and to a
/// test client. Nothing moves until <see cref="Pump"/> or <see cref="Advance"/> is called.
/// </summary>
internal sealed class TestCluster
{
    private const string Client = "c1";
    private readonly Dictionary<string, Member> members = new(StringComparer.Ordinal);
    private readonly Dictionary<long, Message> replies = [];
    private readonly Queue<Message> heldKvRequests = new();
    private long nextMsgId;

    public TestCluster(int size, GCounterOptions? options = null, FakeSeqKv? kv = null, bool holdKv = false, VirtualTimeProvider? clock = null)
    {
        Options = options ?? new GCounterOptions();
        Kv = kv ?? new FakeSeqKv();
        Clock = clock ?? new VirtualTimeProvider();
        HoldKv = holdKv;
        var ids = Enumerable.Range(0, size).Select(i => $"n{i}").ToArray();
        foreach (var id in ids)
        {
            var transport = new InMemoryTransport();
            var loop = new ManualEventLoop();
            var node = new Node(new NodeContext(transport, loop, Clock, Seed: 1));
            _ = new GCounterNode(node, Options);
            node.Start();
            members[id] = new Member(transport, loop);
        }
        foreach (var id in ids)
            Send(id, new JsonObject { ["type"] = "init", ["node_id"] = id, ["node_ids"] = new JsonArray([.. ids.Select(i => (JsonNode)i)]) });
        Pump();
    }

    public GCounterOptions Options { get; }
    public FakeSeqKv Kv { get; }
    public VirtualTimeProvider Clock { get; }

    /// <summary>While set, requests to seq-kv wait until <see cref="ReleaseKv"/>.</summary>
    public bool HoldKv { get; set; }

    public int HeldKvRequests => heldKvRequests.Count;

    /// <summary>Sends a client request to a node without running anything; returns its msg_id.</summary>
    public long Send(string node, JsonObject body)
    {
        var id = ++nextMsgId;
        body["msg_id"] = id;
        members[node].Transport.Deliver(EnvelopeCodec.Write(Client, node, body));
        return id;
    }

    public Message? ReplyTo(long msgId) => replies.GetValueOrDefault(msgId);

    public Message Call(string node, JsonObject body)
    {
        var id = Send(node, body);
        Pump();
        return ReplyTo(id) ?? throw new InvalidOperationException($"{node} did not answer {body.ToJsonString()}");
    }

    public Message Add(string node, long delta) => Call(node, new JsonObject { ["type"] = "add", ["delta"] = delta });

    public long Read(string node)
    {
        var reply = Call(node, new JsonObject { ["type"] = "read" });
        Assert.Equal("read_ok", reply.Type);
        return reply.GetInt64("value");
    }

    /// <summary>Runs every loop and delivers every message until nothing moves.</summary>
    public void Pump()
    {
        bool moved;
        do
        {
            moved = false;
            foreach (var (id, member) in members)
            {
                moved |= member.Loop.RunPending() > 0;
                foreach (var line in member.Transport.TakeSent())
                {
                    moved = true;
                    Route(id, line);
                }
            }
        } while (moved);
    }

    /// <summary>Lets seq-kv answer what it held, then pumps.</summary>
    public void ReleaseKv()
    {
        while (heldKvRequests.TryDequeue(out var request)) Answer(request);
        Pump();
    }

    /// <summary>Moves the clock in small steps, pumping after each, so timers and replies interleave.</summary>
    public void Advance(TimeSpan by)
    {
        var end = Clock.GetUtcNow() + by;
        while (Clock.GetUtcNow() < end)
        {
            var next = Clock.NextDue is { } due && due < end ? due : end;
            Clock.AdvanceTo(next);
            Pump();
        }
    }

    private void Route(string from, string line)
    {
        if (!Message.TryParse(line, out var message, out var error))
            throw new InvalidOperationException($"{from} sent a bad line ({error}): {line}");
        if (message.Dest == FakeSeqKvId)
        {
            if (HoldKv) heldKvRequests.Enqueue(message);
            else Answer(message);
        }
        else if (message.Dest == Client)
        {
            if (message.InReplyTo is { } id) replies[id] = message;
        }
        else
        {
            throw new InvalidOperationException($"{from} sent to {message.Dest}, which the counter never needs: {line}");
        }
    }

    private const string FakeSeqKvId = "seq-kv";

    private void Answer(Message request)
    {
        if (Kv.Handle(request) is { } reply)
            members[request.Src].Transport.Deliver(EnvelopeCodec.Write(FakeSeqKvId, request.Src, reply, inReplyTo: request.MsgId));
    }

    private sealed record Member(InMemoryTransport Transport, ManualEventLoop Loop);
}
