using System.Text.Json.Nodes;
using Glomers.Broadcast.Gossip;
using Glomers.Broadcast.Sync;
using Glomers.Broadcast.Values;
using Glomers.NodeRuntime;
using Glomers.NodeRuntime.Protocol;
using Microsoft.Extensions.Logging;

namespace Glomers.Broadcast;

/// <summary>
/// Steps 3a-3e: every value a client broadcasts to one node ends up in every node's read.
/// New values travel by the overlay (direct or through a hub, batched or not) without acks;
/// anything that path loses, a partition for instance, is repaired by anti-entropy rounds.
/// </summary>
public sealed class BroadcastNode : IDisposable
{
    private readonly Node node;
    private readonly BroadcastOptions options;
    private readonly ValueSet known = new();
    // Every value once, in arrival order: the node's only per-value store, served as is by read.
    private readonly JsonArray messages = [];
    private readonly JsonObject readOk;
    private readonly JsonObject topologyOk = new() { ["type"] = "topology_ok" };
    private readonly JsonObject broadcastOk = new() { ["type"] = "broadcast_ok" };
    private readonly Outbox outbox = new();
    private readonly RecentValues recent;
    private readonly CancellationTokenSource stopping = new();
    private Overlay? overlay;
    private IDisposable? antiEntropy;

    public BroadcastNode(Node node, BroadcastOptions options)
    {
        options.Validate();
        this.node = node;
        this.options = options;
        readOk = new JsonObject { ["type"] = "read_ok", ["messages"] = messages };
        recent = new RecentValues(TimeSpan.FromMilliseconds(options.SettleMs));

        node.OnInit(Start);
        // The suggested topology is acknowledged and ignored: the overlay comes from node_ids.
        node.On("topology", request => node.Reply(request, topologyOk));
        node.On("broadcast", request =>
        {
            var value = request.GetInt64("message");
            node.Reply(request, broadcastOk);
            Learn([value], source: null);
        });
        // Reply bodies are reused: sending serialises a body and leaves it untouched.
        node.On("read", request => node.Reply(request, readOk));
        node.On("gossip", Gossip);
        node.On("digest", AnswerDigest);
    }

    private Overlay Overlay => overlay ?? throw new RpcException(ErrorCode.TemporarilyUnavailable, "not initialised");

    public void Dispose()
    {
        stopping.Cancel();
        antiEntropy?.Dispose();
    }

    private void Start()
    {
        overlay = new Overlay(options.Routing, node.Id, node.NodeIds);
        if (options.BatchPeriod > TimeSpan.Zero)
        {
            // Leaves flush on the tick, the hub one hop later, when the leaves' batches have landed.
            var offset = Overlay.IsHub ? TimeSpan.FromMilliseconds(options.HubWindowMs) : TimeSpan.Zero;
            _ = FlushOnTicks(options.BatchPeriod, offset);
        }
        if (options.AntiEntropyMs > 0 && node.Peers.Count > 0)
            antiEntropy = node.Every(TimeSpan.FromMilliseconds(options.AntiEntropyMs), SendDigest);
    }

    /// <summary>Keeps the values not seen before and queues them for the overlay's next hop.</summary>
    private void Learn(IEnumerable<long> values, string? source)
    {
        var now = node.Time.GetUtcNow();
        var targets = Overlay.Targets(source);
        var any = false;
        foreach (var value in values)
        {
            if (!known.Add(value)) continue;
            messages.Add(value);
            recent.Add(value, now);
            foreach (var target in targets) outbox.Add(target, value);
            any = true;
        }
        if (any && options.BatchPeriod == TimeSpan.Zero) Flush();
    }

    private void Flush()
    {
        foreach (var batch in outbox.Drain())
            node.Send(batch.Destination, new JsonObject { ["type"] = "gossip", ["values"] = Wire.Values(batch.Values) });
    }

    private async Task FlushOnTicks(TimeSpan period, TimeSpan offset)
    {
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                await node.Delay(FlushClock.UntilNext(node.Time.GetUtcNow(), period, offset), stopping.Token);
                Flush();
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception e)
        {
            node.Log.LogError(e, "Batch flushing stopped");
        }
    }

    /// <summary>Values pushed by a peer, and perhaps a request for values it lacks (an anti-entropy answer).</summary>
    private void Gossip(Message message)
    {
        var values = Wire.ReadValues(message, "values");
        var want = message.Body.ContainsKey("want") ? Wire.ReadRanges(message, "want") : ValueSet.Empty;
        Learn(values, message.Src);
        var give = want.Intersect(known);
        if (!give.IsEmpty)
            node.Send(message.Src, new JsonObject { ["type"] = "gossip", ["values"] = Wire.Values(give.Values()) });
    }

    /// <summary>One anti-entropy round: a compact digest to one random peer, which answers only if the sets differ.</summary>
    private void SendDigest()
    {
        var peer = node.Peers[node.Random.Next(node.Peers.Count)];
        node.Send(peer, new JsonObject
        {
            ["type"] = "digest",
            ["have"] = Wire.Ranges(known),
            ["recent"] = Wire.Ranges(recent.At(node.Time.GetUtcNow())),
        });
    }

    private void AnswerDigest(Message message)
    {
        var digest = new Digest(Wire.ReadRanges(message, "have"), Wire.ReadRanges(message, "recent"));
        var repair = digest.AnswerFrom(known, recent.At(node.Time.GetUtcNow()));
        if (repair.IsEmpty) return;
        var body = new JsonObject { ["type"] = "gossip", ["values"] = Wire.Values(repair.Give.Values()) };
        if (!repair.Want.IsEmpty) body["want"] = Wire.Ranges(repair.Want);
        node.Log.LogDebug("Repair with {Peer}: giving {Give}, wanting {Want}", message.Src, repair.Give, repair.Want);
        node.Send(message.Src, body);
    }
}
