using System.Text.Json.Nodes;
using Glomers.NodeRuntime;
using Glomers.NodeRuntime.Protocol;
using Glomers.NodeRuntime.Services;
using Microsoft.Extensions.Logging;

namespace Glomers.KafkaLog;

/// <summary>
/// Steps 5a-5c: a replicated kafka-style log. Offsets are slots owned by one node each (see
/// <see cref="KeyLog"/>), so a send is answered at once with a final offset and polls read only the
/// decided prefix. Once per epoch a node sends each peer one sync with every event of its own the
/// peer has not confirmed (messages, promises, commits; see <see cref="PeerLink"/>), and only when
/// there is news, a confirmation owed, or a retransmission due. With <c>--durable</c> events
/// are written to lin-kv before they take effect or are acknowledged, and a restarted node recovers
/// them (see <see cref="ChunkStore"/>).
/// </summary>
public sealed class KafkaLogNode
{
    private const string SyncType = "log_sync";

    private readonly Node node;
    private readonly KafkaLogOptions options;
    private readonly Dictionary<string, KeyLog> logs = [];
    private readonly Dictionary<string, long> committed = [];
    private readonly List<LogEvent> own = [];
    private readonly Dictionary<string, (int Index, PeerLink Link)> peers = [];
    private readonly HashSet<string> jumped = [];
    private readonly TaskCompletionSource recovered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<(LogEvent Event, Action? Then)> staged = [];
    private ChunkStore? store;
    private Task? flushing;
    private IDisposable? epochTimer;
    private int me;

    public KafkaLogNode(Node node, KafkaLogOptions options)
    {
        options.Validate();
        this.node = node;
        this.options = options;
        node.OnInit(Start);
        node.Closed += () => epochTimer?.Dispose();
        node.On("send", SendAsync);
        node.On("poll", PollAsync);
        node.On("commit_offsets", CommitAsync);
        node.On("list_committed_offsets", ListCommittedAsync);
        node.On(SyncType, Sync);
    }

    private void Start()
    {
        me = IndexOf(node.Id);
        var incarnation = node.Random.NextInt64(1, long.MaxValue);
        foreach (var peer in node.Peers) peers[peer] = (IndexOf(peer), new PeerLink(peer, incarnation));
        epochTimer = node.Every(TimeSpan.FromMilliseconds(options.EpochMs), Epoch);
        if (options.Durable)
        {
            store = new ChunkStore(node, KvClient.LinKv(node, TimeSpan.FromMilliseconds(options.KvTimeoutMs)), TimeSpan.FromMilliseconds(100));
            _ = RecoverAsync(store);
        }
        else recovered.SetResult();
    }

    private int IndexOf(string id)
    {
        for (var i = 0; i < node.NodeIds.Count; i++)
            if (node.NodeIds[i] == id) return i;
        throw new InvalidOperationException($"{id} is not among the nodes {string.Join(", ", node.NodeIds)}");
    }

    private KeyLog Log(string key)
    {
        if (!logs.TryGetValue(key, out var log)) logs[key] = log = new KeyLog(node.NodeIds.Count, me);
        return log;
    }

    private async Task SendAsync(Message request)
    {
        var key = request.GetString("key");
        var msg = request.Required("msg").DeepClone();
        await recovered.Task;
        var offset = Log(key).AppendOwn(msg);
        Record(LogEvent.Sent(key, offset, msg), () => node.Reply(request, new JsonObject { ["type"] = "send_ok", ["offset"] = offset }));
    }

    private async Task PollAsync(Message request)
    {
        var asked = Offsets(request);
        await recovered.Task;
        var msgs = new JsonObject();
        foreach (var (key, from) in asked)
        {
            if (!logs.TryGetValue(key, out var log)) continue;
            var found = log.Poll(from, options.MaxPollMessages);
            if (found.Count > 0) msgs[key] = new JsonArray([.. found.Select(f => (JsonNode)new JsonArray(f.Offset, f.Message?.DeepClone()))]);
        }
        node.Reply(request, new JsonObject { ["type"] = "poll_ok", ["msgs"] = msgs });
    }

    /// <summary>
    /// A commit for a key this node has never seen is kept like any other: its messages may be on a
    /// peer whose sync has not arrived yet.
    /// </summary>
    private async Task CommitAsync(Message request)
    {
        var offsets = Offsets(request);
        await recovered.Task;
        var changes = offsets.Where(o => o.Offset > committed.GetValueOrDefault(o.Key, -1)).ToList();
        void Reply() => node.Reply(request, new JsonObject { ["type"] = "commit_offsets_ok" });
        if (changes.Count == 0)
        {
            Reply();
            return;
        }
        for (var i = 0; i < changes.Count; i++)
            Record(LogEvent.Committed(changes[i].Key, changes[i].Offset), i == changes.Count - 1 ? Reply : null);
    }

    private async Task ListCommittedAsync(Message request)
    {
        if (request.Required("keys") is not JsonArray keys)
            throw RpcException.Malformed($"list_committed_offsets: field 'keys' must be an array, got {request.Body["keys"]?.ToJsonString()}");
        var names = keys.Select(k => k is JsonValue v && v.TryGetValue(out string? s)
            ? s
            : throw RpcException.Malformed($"list_committed_offsets: keys must be strings, got {k?.ToJsonString() ?? "null"}")).ToList();
        await recovered.Task;
        var offsets = new JsonObject();
        foreach (var key in names.Distinct())
            if (committed.TryGetValue(key, out var offset)) offsets[key] = offset;
        node.Reply(request, new JsonObject { ["type"] = "list_committed_offsets_ok", ["offsets"] = offsets });
    }

    /// <summary>The request's "offsets" map, checked whole before anything is done with it.</summary>
    private static List<(string Key, long Offset)> Offsets(Message request)
    {
        if (request.Required("offsets") is not JsonObject map)
            throw RpcException.Malformed($"{request.Type}: field 'offsets' must be a map of keys to offsets, got {request.Body["offsets"]?.ToJsonString()}");
        var result = new List<(string, long)>(map.Count);
        foreach (var (key, value) in map)
        {
            if (value is not JsonValue v || !v.TryGetValue(out long offset) || offset < 0)
                throw RpcException.Malformed($"{request.Type}: offset of key '{key}' must be a non-negative integer, got {value?.ToJsonString() ?? "null"}");
            result.Add((key, offset));
        }
        return result;
    }

    /// <summary>An event of this node's: it takes effect (and <paramref name="then"/> runs) now, or in
    /// durable mode once lin-kv holds it.</summary>
    private void Record(LogEvent e, Action? then)
    {
        if (store is null)
        {
            Settle(e);
            then?.Invoke();
            return;
        }
        staged.Add((e, then));
        if (flushing is not { IsCompleted: false }) flushing = FlushLoopAsync(store);
    }

    /// <summary>An own event that is final: polls may count on it and peers may hear of it.</summary>
    private void Settle(LogEvent e)
    {
        own.Add(e);
        switch (e.Kind)
        {
            case LogEventKind.Message:
                var log = Log(e.Key);
                log.PromiseOwn(log.CounterOf(e.Number) + 1);
                break;
            case LogEventKind.Promise:
                Log(e.Key).PromiseOwn(e.Number);
                break;
            case LogEventKind.Commit:
                committed[e.Key] = Math.Max(committed.GetValueOrDefault(e.Key, -1), e.Number);
                break;
        }
    }

    /// <summary>One lin-kv write at a time; events that come meanwhile go in the next one.</summary>
    private async Task FlushLoopAsync(ChunkStore chunks)
    {
        while (staged.Count > 0)
        {
            if (options.FlushMs > 0) await node.Delay(TimeSpan.FromMilliseconds(options.FlushMs));
            var batch = staged.ToList();
            staged.Clear();
            try
            {
                await chunks.AppendAsync(new JsonArray([.. batch.Select(b => (JsonNode)b.Event.ToJson())]));
            }
            catch (InvalidOperationException e)
            {
                // Only a writer this node does not know of could have taken the chunk: keep nothing of it.
                node.Log.LogError(e, "Durable write failed; {Count} events are not acknowledged", batch.Count);
                continue;
            }
            foreach (var (e, then) in batch)
            {
                Settle(e);
                then?.Invoke();
            }
        }
    }

    private async Task RecoverAsync(ChunkStore chunks)
    {
        var events = await chunks.RecoverAsync();
        foreach (var json in events)
        {
            if (!LogEvent.TryParse(json, out var e, out var error))
            {
                node.Log.LogError("Skipping a stored event: {Error}", error);
                continue;
            }
            var log = e.Kind == LogEventKind.Commit ? null : Log(e.Key);
            if (e.Kind == LogEventKind.Message) log!.RestoreOwn(e.Number, e.Message);
            else if (e.Kind == LogEventKind.Promise) log!.RestoreCounter(e.Number);
            Settle(e);
        }
        node.Log.LogInformation("Recovered {Count} own events from {Chunks} chunks", own.Count, chunks.Next);
        recovered.SetResult();
    }

    private void Epoch()
    {
        if (!recovered.Task.IsCompleted) return;
        // Slots skipped by a jump are promised once per epoch, not once per message that caused it.
        foreach (var key in jumped) Record(LogEvent.Promised(key, Log(key).NextCounter), null);
        jumped.Clear();

        var now = node.Time.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var (peer, (_, link)) in peers)
        {
            if (link.NextSync(own.Count, now, options.RetransmitMs, options.MaxEventsPerSync) is not { } range) continue;
            node.Send(peer, new JsonObject
            {
                ["type"] = SyncType,
                ["inc"] = link.Incarnation,
                ["ack"] = link.Received,
                ["ack_inc"] = link.PeerIncarnation,
                ["from"] = range.From,
                ["events"] = new JsonArray([.. own.Skip(range.From).Take(range.Count).Select(e => (JsonNode)e.ToJson())]),
            });
        }
    }

    /// <summary>The own counter of <paramref name="key"/> jumped past slots it will never use. Without
    /// durability that is final at once (local polls may pass them); peers hear of it next epoch.</summary>
    private void Jumped(string key)
    {
        jumped.Add(key);
        if (store is null) Log(key).PromiseOwn(Log(key).NextCounter);
    }

    private void Sync(Message message)
    {
        if (!peers.TryGetValue(message.Src, out var peer))
            throw RpcException.Malformed($"{SyncType}: {message.Src} is not a peer");
        var incarnation = message.GetInt64("inc");
        var ackIncarnation = message.GetInt64("ack_inc");
        var ack = message.GetInt64("ack");
        var from = message.GetInt64("from");
        if (message.Required("events") is not JsonArray list || ack < 0 || ack > int.MaxValue || from < 0 || from > int.MaxValue)
            throw RpcException.Malformed($"{SyncType}: needs integers inc, ack_inc, ack, from and an events array");
        // Every event is checked before any takes effect, so a bad sync changes nothing.
        var events = new List<LogEvent>(list.Count);
        var n = node.NodeIds.Count;
        foreach (var item in list)
        {
            if (!LogEvent.TryParse(item, out var e, out var error)) throw RpcException.Malformed($"{SyncType}: {error}");
            if (e.Kind == LogEventKind.Message && e.Number % n != peer.Index)
                throw RpcException.Malformed($"{SyncType}: offset {e.Number} is not a slot of {message.Src}");
            events.Add(e);
        }
        var skip = peer.Link.Receive(incarnation, ackIncarnation, (int)ack, (int)from, events.Count, own.Count);
        if (skip < 0) return;
        foreach (var e in events.Skip(skip))
        {
            switch (e.Kind)
            {
                case LogEventKind.Message:
                    if (Log(e.Key).AddPeer(peer.Index, e.Number, e.Message)) Jumped(e.Key);
                    break;
                case LogEventKind.Promise:
                    if (Log(e.Key).Promise(peer.Index, e.Number)) Jumped(e.Key);
                    break;
                case LogEventKind.Commit:
                    committed[e.Key] = Math.Max(committed.GetValueOrDefault(e.Key, -1), e.Number);
                    break;
            }
        }
    }
}
