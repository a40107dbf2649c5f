using System.Text.Json.Nodes;
using Glomers.NodeRuntime;
using Glomers.NodeRuntime.Protocol;

namespace Glomers.BrokenNodes;

/// <summary>Wires one <see cref="BrokenKind"/> onto a node. Each kind breaks exactly one rule, on purpose.</summary>
public sealed class BrokenNode
{
    private const int RequestsBeforeExit = 20;
    private const int LossyCounterDropsEvery = 5;

    private long handled;

    public BrokenNode(Node node, BrokenKind kind, ProcessEdge edge)
    {
        switch (kind)
        {
            case BrokenKind.BroadcastFlood: _ = new FloodBroadcast(node, forward: true, retry: true); break;
            case BrokenKind.BroadcastNoForward: _ = new FloodBroadcast(node, forward: false, retry: false); break;
            case BrokenKind.BroadcastForwardOnce: _ = new FloodBroadcast(node, forward: true, retry: false); break;
            case BrokenKind.CounterMemory: _ = new MemoryCounter(node, dropEvery: 0); break;
            case BrokenKind.CounterLossy: _ = new MemoryCounter(node, dropEvery: LossyCounterDropsEvery); break;
            case BrokenKind.IdsRepeating:
                // A per-node sequence without the node id: every node hands out 1, 2, 3, ...
                var next = 0L;
                node.On("generate", r => node.Reply(r, new JsonObject { ["type"] = "generate_ok", ["id"] = ++next }));
                break;
            case BrokenKind.EchoWrong:
                node.On("echo", r => node.Reply(r, EchoOk(r, "not what you sent")));
                break;
            case BrokenKind.CrashOnInit:
                // Dies before the runtime can answer init_ok.
                edge.Admit = line =>
                {
                    if (!line.Contains("\"init\"", StringComparison.Ordinal)) return true;
                    edge.Exit(1);
                    return false;
                };
                break;
            case BrokenKind.ExitMidRun:
                node.On("echo", r =>
                {
                    node.Reply(r, EchoOk(r));
                    if (++handled == RequestsBeforeExit) edge.Exit(1);
                });
                break;
            case BrokenKind.Garbage:
                node.On("echo", r =>
                {
                    node.Reply(r, EchoOk(r));
                    edge.WriteRawLine("this line is not JSON");
                });
                break;
            case BrokenKind.UnknownDest:
                node.On("echo", r =>
                {
                    node.Reply(r, EchoOk(r));
                    node.Send("n99", new JsonObject { ["type"] = "hello" });
                });
                break;
            case BrokenKind.MalformedReply:
                node.On("echo", r =>
                {
                    var reply = EchoOk(r);
                    reply["extra"] = true;
                    node.Reply(r, reply);
                });
                break;
            case BrokenKind.RepeatedKey:
                // A reply whose body names in_reply_to twice: JSON that no strict reader accepts.
                node.On("echo", r => edge.WriteRawLine(
                    $"{{\"src\":\"{node.Id}\",\"dest\":\"{r.Src}\",\"body\":{{\"type\":\"echo_ok\",\"echo\":{r.Required("echo").ToJsonString()}," +
                    $"\"in_reply_to\":{r.Body["msg_id"]!.ToJsonString()},\"in_reply_to\":{r.Body["msg_id"]!.ToJsonString()}}}}}"));
                break;
            case BrokenKind.Silent:
                foreach (var type in new[] { "echo", "generate", "topology", "broadcast", "read", "add" })
                    node.On(type, _ => { });
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "no such kind");
        }
    }

    private static JsonObject EchoOk(Message request, string? instead = null) => new()
    {
        ["type"] = "echo_ok",
        ["echo"] = instead is null ? request.Required("echo").DeepClone() : instead,
    };
}
