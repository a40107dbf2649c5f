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
    private const int MaxQuietDoublings = 3;
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
    // When a sync peer last spoke or this node last learned a value: rounds are skipped while the overlay is busy.
    private DateTimeOffset lastActive;
    // Digests sent since this node last learned a value: each doubles the wait for the next one.
    private int quietRounds;
    // When each peer last got a repair from this node.
    private readonly Dictionary<string, DateTimeOffset> lastRepair = [];
    // When this node last pulled from each peer.
    private readonly Dictionary<string, DateTimeOffset> lastPull = [];
    private LinkSequence? links;
    private readonly Unconfirmed unconfirmed;
    // When this node last learned values that missed their path (a heal is under way): the next
    // round comes a quarter period after it, whatever the traffic, to the peer silent longest.
    private DateTimeOffset? followUp;
    // The set each peer last said it had, from the digest on its gossip: late values are relayed
    // only to peers that lacked them and were heard lately (a peer silent for longer is
    // probably cut off, and a relay to it would be lost; it is repaired when it speaks again).
    private readonly Dictionary<string, ValueSet> peerHave = [];
    // Late values not relayed to a peer because it had been silent too long (probably cut off): it
    // gets them as soon as it speaks again.
    private readonly Dictionary<string, ValueSet> withheld = [];
    // When each peer was last heard from: a quiet round goes to the peer silent longest.
    private readonly Dictionary<string, DateTimeOffset> lastHeard = [];

    public BroadcastNode(Node node, BroadcastOptions options)
    {
        options.Validate();
        this.node = node;
        this.options = options;
        readOk = new JsonObject { ["type"] = "read_ok", ["messages"] = messages };
        recent = new RecentValues(TimeSpan.FromMilliseconds(options.SettleMs));
        unconfirmed = new Unconfirmed(TimeSpan.FromMilliseconds(options.SettleMs * 0.4), RelayFreshness);

        node.OnInit(Start);
        // The suggested topology is acknowledged and ignored: the overlay comes from node_ids.
        node.On("topology", request => node.Reply(request, topologyOk));
        node.On("broadcast", request =>
        {
            var value = request.GetInt64("message");
            node.Reply(request, broadcastOk);
            Learn([value], source: null, senderRecent: null);
        });
        // Reply bodies are reused: sending serialises a body and leaves it untouched.
        node.On("read", request => node.Reply(request, readOk));
        node.On("gossip", Gossip);
    }

    // Three seconds, not a multiple of the round period: a peer cut off for a few seconds that
    // spoke since a heal is relayed to, rather than left to rounds of its own.
    private static TimeSpan RelayFreshness => TimeSpan.FromSeconds(3);

    private Overlay Overlay => overlay ?? throw new RpcException(ErrorCode.TemporarilyUnavailable, "not initialised");

    private LinkSequence Links => links ?? throw new RpcException(ErrorCode.TemporarilyUnavailable, "not initialised");

    public void Dispose()
    {
        stopping.Cancel();
    }

    private void Start()
    {
        overlay = new Overlay(options.Routing, node.Id, node.NodeIds);
        links = new LinkSequence(node.Random.NextInt64());
        if (options.BatchPeriod > TimeSpan.Zero)
        {
            // Leaves flush on the tick, the hub one hop later, when the leaves' batches have landed.
            var offset = Overlay.IsHub ? TimeSpan.FromMilliseconds(options.HubWindowMs) : TimeSpan.Zero;
            _ = FlushOnTicks(options.BatchPeriod, offset);
        }
        Active(node.Time.GetUtcNow());
        if (options.AntiEntropyMs > 0 && Overlay.SyncPeers.Count > 0) _ = QuietRounds();
    }

    /// <summary>
    /// Keeps the values not seen before and queues them for the overlay's next hop. A value the
    /// sender had settled (not in its recent set: one held up by a partition), or sent in answer to
    /// a digest, missed its overlay path, so this node passes it on as if a client had given it, to the overlay
    /// targets whose last digest lacked it: after a heal one repair reaches every node that missed
    /// the value one overlay hop later, instead of waiting for rounds of anti-entropy to find them.
    /// </summary>
    private void Learn(IEnumerable<long> values, string? source, ValueSet? senderRecent, bool repair = false)
    {
        var now = node.Time.GetUtcNow();
        var targets = Overlay.Targets(source);
        IReadOnlyList<string>? relayTargets = null;
        var any = false;
        foreach (var value in values)
        {
            if (!known.Add(value)) continue;
            messages.Add((JsonNode)value);
            recent.Add(value, now);
            var late = source is not null && senderRecent is not null && (repair || !senderRecent.Contains(value));
            if (late)
            {
                relayTargets ??= [.. Overlay.Targets(null).Where(t => t != source)];
                foreach (var target in relayTargets)
                {
                    if (!peerHave.TryGetValue(target, out var have) || have.Contains(value)) continue;
                    if (now - lastHeard[target] < RelayFreshness) outbox.Add(target, value);
                    else Withhold(target, value);
                }
            }
            else
            {
                foreach (var target in targets) outbox.Add(target, value);
            }
            any = true;
        }
        if (any) Active(now);
        // In direct mode a repair spreads peer by peer, so a node that got one asks the next peer soon;
        // a leaf's one exchange with the hub already covers everything.
        if (relayTargets is not null && Overlay.Mode == BroadcastMode.Direct && options.AntiEntropyMs > 0) followUp ??= now + TimeSpan.FromMilliseconds(options.AntiEntropyMs / 4.0);
        // Late values missed their path once already: they are passed on at once, batching or not.
        if (any && (options.BatchPeriod == TimeSpan.Zero || relayTargets is not null)) Flush();
    }

    private void Flush()
    {
        var batches = outbox.Drain();
        if (batches.Count == 0) return;
        // Every gossip carries the sender's digest, so peers that talk anyway compare sets for free.
        var body = DigestBody();
        var now = node.Time.GetUtcNow();
        foreach (var batch in batches)
        {
            unconfirmed.Sent(batch.Destination, batch.Values, now);
            body["values"] = Wire.Values(batch.Values);
            Flag(body, "repair", batch.Repair);
            Flag(body, "pull", batch.Pull);
            Send(batch.Destination, body);
        }
    }

    /// <summary>Sends a gossip body, numbered for its link.</summary>
    private void Send(string destination, JsonObject body)
    {
        body["inc"] = Links.Incarnation;
        body["seq"] = Links.Next(destination);
        node.Send(destination, body);
    }

    private static void Flag(JsonObject body, string name, bool on)
    {
        if (on) body[name] = true;
        else body.Remove(name);
    }

    private JsonObject DigestBody() => new()
    {
        ["type"] = "gossip",
        ["values"] = new JsonArray(),
        ["have"] = Wire.Ranges(known),
        ["recent"] = Wire.Ranges(recent.At(node.Time.GetUtcNow())),
    };

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

    /// <summary>
    /// Values pushed by a peer, with its digest. Settled values it lacks go back to it; if it has
    /// settled values this node lacks, it is owed this node's digest, which it answers with them.
    /// A gap in the link's numbers means a message from the peer was lost: this node pulls, asking
    /// for everything it lacks at once.
    /// </summary>
    private void Gossip(Message message)
    {
        var values = Wire.ReadValues(message, "values");
        var digest = Wire.ReadDigest(message);
        var now = node.Time.GetUtcNow();
        lastHeard[message.Src] = now;
        if (Overlay.SyncPeers.Contains(message.Src)) lastActive = now;
        if (digest is not null) peerHave[message.Src] = digest.Have;
        Learn(values, message.Src, digest?.Recent, message.Body["repair"] is not null);
        var halfPeriod = TimeSpan.FromMilliseconds(options.AntiEntropyMs / 2.0);
        var lost = Wire.ReadLinkNumber(message) is var (inc, seq) && Links.Lost(message.Src, inc, seq);
        var sendNow = lost && Once(lastPull, message.Src, now, halfPeriod);
        if (sendNow) outbox.Pull(message.Src);
        // The peer speaks again: the late values kept back from it while it was silent go now.
        if (withheld.Remove(message.Src, out var kept) && digest is not null && kept.Except(digest.Have) is { IsEmpty: false } owed)
        {
            foreach (var value in owed.Values()) outbox.Add(message.Src, value);
            outbox.Owe(message.Src);
            sendNow = true;
        }
        if (digest is not null && Answer(message, digest, now, halfPeriod)) sendNow = true;
        if (digest is not null && unconfirmed.Heard(message.Src, digest.Have, now) is { IsEmpty: false } lostOnTheWay
            && Once(lastRepair, message.Src, now, halfPeriod))
        {
            // Sent, and twice since not in the peer's digest: the values go again, as a repair, so the
            // peer passes them on too. At most once per half period, like any repair: on a link that
            // keeps losing, resending each time would be a storm.
            node.Log.LogDebug("Values lost on the way to {Peer}: {Lost}", message.Src, lostOnTheWay);
            foreach (var value in lostOnTheWay.Values()) outbox.Add(message.Src, value);
            outbox.Owe(message.Src);
            sendNow = true;
        }
        // Repairs go at once even when batching: they follow faults, rarely, and after a heal each
        // exchange would otherwise wait a batch period.
        if (sendNow) Flush();
    }

    /// <summary>Queues the repair a digest calls for, if any; true when something was queued.</summary>
    private bool Answer(Message message, Digest digest, DateTimeOffset now, TimeSpan halfPeriod)
    {
        // A pull's sender lost a message or has learned nothing for a whole period: what it lacks
        // is not in flight to it, so it gets all of it, recent values too.
        var pull = message.Body["pull"] is not null;
        var repair = pull
            ? new Repair(known.Except(digest.Have), digest.Have.Except(known))
            : digest.AnswerFrom(known, recent.At(now));
        if (repair.IsEmpty) return false;
        // One repair per peer per half anti-entropy period, pulls aside (their senders limit them).
        // When messages run later than settle-ms, every digest shows values still in flight as a
        // gap; answering each would make repairs feed repairs. Half a period, not a whole one, so a
        // repair lost to a cut just before a heal is sent again within the period after it.
        if (!Once(lastRepair, message.Src, now, pull ? TimeSpan.Zero : halfPeriod)) return false;
        node.Log.LogDebug("Repair with {Peer}: giving {Give}, wanting {Want}", message.Src, repair.Give, repair.Want);
        // The decision looks at settled values only; a message that goes anyway carries all the peer
        // lacks, recent values too, or values settling one by one would each cost another exchange.
        foreach (var value in known.Except(digest.Have).Values()) outbox.Add(message.Src, value);
        outbox.Owe(message.Src);
        return true;
    }

    private void Withhold(string peer, long value)
    {
        if (!withheld.TryGetValue(peer, out var kept)) withheld[peer] = kept = new ValueSet();
        kept.Add(value);
    }

    /// <summary>True, and noted, unless the last time for <paramref name="peer"/> is less than <paramref name="gap"/> ago.</summary>
    private static bool Once(Dictionary<string, DateTimeOffset> last, string peer, DateTimeOffset now, TimeSpan gap)
    {
        if (last.TryGetValue(peer, out var at) && now - at < gap) return false;
        last[peer] = now;
        return true;
    }


    /// <summary>
    /// An anti-entropy round for a quiet overlay: if this node learned nothing and no sync peer spoke
    /// for a while, one of them gets this node's digest alone: the one silent longest (ties drawn at
    /// random), because after a heal that is a peer from the other side of the cut. While gossip
    /// flows digests ride on it. For a leaf the wait doubles after each such round (up to
    /// <see cref="MaxQuietDoublings"/> times) until it learns a value again.
    /// </summary>
    private async Task QuietRounds()
    {
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                // Woken when the quiet period would end; traffic meanwhile moves that moment on. So a
                // round comes exactly one period after the last activity: after a heal, within a period.
                // A sleep lasts at most one base period: activity that ends a leaf's doubled wait
                // (which makes the next round due one base period after it) is never slept through.
                var due = lastActive + QuietWait();
                if (followUp is { } f && f < due) due = f;
                var now = node.Time.GetUtcNow();
                if (now < due)
                {
                    var quarter = TimeSpan.FromMilliseconds(options.AntiEntropyMs / 4.0);
                    await node.Delay(due - now < quarter ? due - now : quarter, stopping.Token);
                    continue;
                }
                lastActive = now;
                followUp = null;
                quietRounds++;
                // A peer this node sent values to and has not heard from since is likely cut off.
                var suspects = Overlay.SyncPeers.Where(unconfirmed.Waiting).ToList();
                var peer = SilentLongest(suspects.Count > 0 ? suspects : Overlay.SyncPeers);
                Send(peer, RoundBody(peer));
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception e)
        {
            node.Log.LogError(e, "Anti-entropy rounds stopped");
        }
    }

    /// <summary>
    /// A round's message: this node's digest, a pull, and every value the peer's last digest lacked,
    /// recent ones too, as a repair, so the peer relays the ones it did not have. A round comes only
    /// when the overlay has been quiet or a heal is under way, so little is in flight then. After a heal the first round across the cut carries the values at once instead of starting
    /// an exchange of digests. A value the peer has since got costs nothing but its bytes.
    /// </summary>
    private JsonObject RoundBody(string peer)
    {
        var body = DigestBody();
        body["pull"] = true;
        // A leaf leaves out its recent values: they are on their way to the hub in a batch, and a
        // batch the hub never got shows up as a loss (Unconfirmed) and goes again.
        var leaving = Overlay.Mode == BroadcastMode.Hub ? recent.At(node.Time.GetUtcNow()) : ValueSet.Empty;
        if (peerHave.TryGetValue(peer, out var have) && known.Except(have).Except(leaving) is { IsEmpty: false } missing)
        {
            body["values"] = Wire.Values(missing.Values());
            body["repair"] = true;
        }
        return body;
    }

    /// <summary>
    /// A leaf's one round with the hub repairs everything, so its rounds can thin out; in direct mode
    /// a repair spreads from peer to peer, which takes rounds at the full rate.
    /// </summary>
    private TimeSpan QuietWait()
    {
        var doublings = Overlay.Mode == BroadcastMode.Hub ? Math.Min(quietRounds, MaxQuietDoublings) : 0;
        return TimeSpan.FromMilliseconds(options.AntiEntropyMs) * (1 << doublings);
    }

    private string SilentLongest(IReadOnlyList<string> peers)
    {
        var oldest = DateTimeOffset.MaxValue;
        var candidates = new List<string>();
        foreach (var peer in peers)
        {
            var heard = lastHeard.GetValueOrDefault(peer, DateTimeOffset.MinValue);
            if (heard < oldest)
            {
                oldest = heard;
                candidates.Clear();
            }
            if (heard == oldest) candidates.Add(peer);
        }
        return candidates[node.Random.Next(candidates.Count)];
    }

    private void Active(DateTimeOffset now)
    {
        lastActive = now;
        quietRounds = 0;
    }
}
