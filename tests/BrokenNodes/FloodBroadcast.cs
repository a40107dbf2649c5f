using System.Text.Json.Nodes;
using Glomers.NodeRuntime;
using Glomers.NodeRuntime.Protocol;

namespace Glomers.BrokenNodes;

/// <summary>
/// Broadcast by flooding: a new value goes to every peer (the topology is acknowledged and
/// ignored). With <c>retry</c> a forward is resent every 500 ms until the peer acknowledges it,
/// which is correct under partitions; without it a forward lost to a partition is lost for good;
/// without <c>forward</c> values stay on the node that received them.
/// </summary>
public sealed class FloodBroadcast
{
    private static readonly TimeSpan RetryEvery = TimeSpan.FromMilliseconds(500);

    private readonly Node node;
    private readonly bool forward;
    private readonly bool retry;
    private readonly HashSet<long> seen = [];

    public FloodBroadcast(Node node, bool forward, bool retry)
    {
        this.node = node;
        this.forward = forward;
        this.retry = retry;
        node.On("topology", r => node.Reply(r, new JsonObject { ["type"] = "topology_ok" }));
        node.On("broadcast", r =>
        {
            Learn(r.GetInt64("message"), from: null);
            node.Reply(r, new JsonObject { ["type"] = "broadcast_ok" });
        });
        node.On("read", r => node.Reply(r, new JsonObject
        {
            ["type"] = "read_ok",
            ["messages"] = new JsonArray([.. seen.Order().Select(v => (JsonNode)v)]),
        }));
        node.On("gossip", r =>
        {
            Learn(r.GetInt64("message"), from: r.Src);
            node.Reply(r, new JsonObject { ["type"] = "gossip_ok" });
        });
    }

    private void Learn(long value, string? from)
    {
        if (!seen.Add(value) || !forward) return;
        foreach (var peer in node.Peers.Where(p => p != from)) _ = ForwardAsync(peer, value);
    }

    private async Task ForwardAsync(string peer, long value)
    {
        do
        {
            try
            {
                await node.RpcAsync(peer, new JsonObject { ["type"] = "gossip", ["message"] = value }, RetryEvery);
                return;
            }
            catch (RpcException)
            {
                // Timed out: the peer is cut off or slow.
            }
            catch (OperationCanceledException)
            {
                return;
            }
        } while (retry);
    }
}
