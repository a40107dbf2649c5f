using System.Text.Json;
using System.Text.Json.Nodes;
using Glomers.Harness.History;

namespace Glomers.Harness.Checkers.Kafka;

/// <summary>A message as an op saw it: its offset (null when unknown) and the key-local id of its value.</summary>
internal readonly record struct Message(long? Offset, int Value);

/// <summary>The messages one op sent to, or polled from, one key, in op order (all micro-ops merged).</summary>
internal sealed class KeyMessages(int key)
{
    public int Key { get; } = key;
    public List<Message> Messages { get; } = [];
}

/// <summary>
/// A kafka completion (or invocation) with its micro-ops decoded: what it polled and sent, per key.
/// Keys are interned to ints and values to ids local to their key, so later passes index arrays.
/// </summary>
internal sealed class KafkaOp(Op op, int position)
{
    public Op Op { get; } = op;

    /// <summary>Position among the client ops, the order every pass walks.</summary>
    public int Position { get; } = position;

    /// <summary>The paired invocation, for completions; null for invocations and unpaired completions.</summary>
    public KafkaOp? Invocation { get; set; }

    public List<KeyMessages> Reads { get; } = [];
    public List<KeyMessages> Writes { get; } = [];

    /// <summary>
    /// The op's highest polled offset per key (-1 when a key came back empty), and the highest sent
    /// offset per key, in the shape kafka.clj's op->max-offsets computes for realtime lag.
    /// </summary>
    public List<(int Key, long Offset)> MaxOffsets { get; } = [];

    /// <summary>For assign: the keys assigned.</summary>
    public List<int>? Assigned { get; set; }

    public bool IsPollLike => Op.F is KafkaOps.Poll or KafkaOps.Txn;
    public bool IsSendLike => Op.F is KafkaOps.Send or KafkaOps.Txn;

    public KeyMessages? ReadsOf(int key)
    {
        foreach (var r in Reads) if (r.Key == key) return r;
        return null;
    }

    public KeyMessages? WritesOf(int key)
    {
        foreach (var w in Writes) if (w.Key == key) return w;
        return null;
    }
}

/// <summary>One kafka key (partition): its name and the values seen for it, by key-local id.</summary>
internal sealed class KafkaKey(string name)
{
    private readonly ElementIndex _index = new();

    public string Name { get; } = name;
    public List<JsonNode?> Values { get; } = [];

    public int Intern(JsonNode? value)
    {
        var id = _index.GetOrAdd(value, Values.Count);
        if (id == Values.Count) Values.Add(value?.DeepClone());
        return id;
    }

    public JsonNode? ValueJson(int id) => Values[id]?.DeepClone();
}

/// <summary>
/// Decodes a kafka history in Maelstrom's shapes (see <see cref="KafkaOps"/>). Micro-ops it cannot read
/// are skipped and described in <see cref="Malformed"/> rather than thrown.
/// </summary>
internal sealed class KafkaHistory
{
    private readonly Dictionary<string, int> _keyIds = new(StringComparer.Ordinal);

    // Per key, where the op being decoded keeps its reads, its writes and its max offsets, stamped with
    // the op's position so the tables never need clearing: a final poll can name every key.
    private int[] _readSlot = [], _writeSlot = [], _offsetSlot = [];
    private int[] _readStamp = [], _writeStamp = [], _offsetStamp = [];
    private int _stamp;

    public List<KafkaKey> Keys { get; } = [];

    /// <summary>Client ops (invocations and completions) in history order.</summary>
    public List<KafkaOp> Ops { get; } = [];

    public List<string> Malformed { get; } = [];
    public int MalformedCount { get; private set; }

    public static KafkaHistory Decode(IReadOnlyList<Op> history)
    {
        var h = new KafkaHistory();
        var open = new Dictionary<int, KafkaOp>();
        foreach (var op in history)
        {
            if (op.IsNemesis) continue;
            var k = new KafkaOp(op, h.Ops.Count);
            if (op.Type == OpType.Invoke) open[op.Process] = k;
            else if (open.Remove(op.Process, out var inv)) k.Invocation = inv;
            h.DecodeValue(k);
            h.Ops.Add(k);
        }
        return h;
    }

    public int KeyId(string name)
    {
        if (_keyIds.TryGetValue(name, out var id)) return id;
        id = Keys.Count;
        _keyIds[name] = id;
        Keys.Add(new KafkaKey(name));
        if (_readSlot.Length <= id)
        {
            var n = Math.Max(16, 2 * _readSlot.Length);
            Array.Resize(ref _readSlot, n);
            Array.Resize(ref _writeSlot, n);
            Array.Resize(ref _offsetSlot, n);
            Array.Resize(ref _readStamp, n);
            Array.Resize(ref _writeStamp, n);
            Array.Resize(ref _offsetStamp, n);
        }
        return id;
    }

    private void DecodeValue(KafkaOp k)
    {
        var op = k.Op;
        switch (op.F)
        {
            case KafkaOps.Assign or KafkaOps.Subscribe:
                k.Assigned = [];
                if (op.Value is JsonArray keys)
                    foreach (var key in keys) k.Assigned.Add(KeyId(KeyName(key)));
                else if (op.Type != OpType.Invoke || op.Value is not null)
                    Bad(op, "assign value is not an array of keys");
                return;
            case KafkaOps.Poll or KafkaOps.Send or KafkaOps.Txn:
                break;
            default:
                return;
        }
        if (op.Value is not JsonArray mops)
        {
            if (op.Value is not null) Bad(op, "value is not an array of micro-ops");
            return;
        }
        _stamp = k.Position + 1;
        var sendOffsets = op.F is KafkaOps.Send or KafkaOps.Txn ? new List<(int, long)>() : null;
        var pollOffsets = op.F is KafkaOps.Poll or KafkaOps.Txn ? k.MaxOffsets : null;
        foreach (var mop in mops)
        {
            if (mop is not JsonArray m || m.Count == 0 || !TryString(m[0], out var name))
            {
                Bad(op, $"micro-op {mop?.ToJsonString() ?? "null"} is not [f ...]");
                continue;
            }
            if (name == KafkaOps.Send) DecodeSend(k, m, sendOffsets);
            else if (name == KafkaOps.Poll) DecodePoll(k, m, pollOffsets);
            else Bad(op, $"unknown micro-op {name}");
        }
        if (sendOffsets is not null)
            foreach (var (key, offset) in sendOffsets) MaxOffset(k.MaxOffsets, key, offset);
    }

    private void DecodeSend(KafkaOp k, JsonArray m, List<(int, long)>? sendOffsets)
    {
        if (m.Count < 3)
        {
            Bad(k.Op, $"send {m.ToJsonString()} has no key and message");
            return;
        }
        var key = KeyId(KeyName(m[1]));
        // A completed send carries [offset, message]; an invoked or indefinite one the bare message.
        long? offset = null;
        JsonNode? value;
        if (m[2] is JsonArray pair)
        {
            offset = Offset(pair.Count > 0 ? pair[0] : null);
            value = pair.Count > 1 ? pair[1] : null;
        }
        else value = m[2];
        Slot(k.Writes, key, _writeSlot, _writeStamp).Messages.Add(new Message(offset, Keys[key].Intern(value)));
        if (sendOffsets is null || k.Op.Type is not (OpType.Ok or OpType.Info)) return;
        // kafka.clj's op->max-send-offsets: a send without a known offset drops what it gathered so far.
        if (offset is null || m[2] is not JsonArray) sendOffsets.Clear();
        else
        {
            var at = sendOffsets.FindIndex(e => e.Item1 == key);
            if (at < 0) sendOffsets.Add((key, Math.Max(0, offset.Value)));
            else sendOffsets[at] = (key, Math.Max(sendOffsets[at].Item2, offset.Value));
        }
    }

    private void DecodePoll(KafkaOp k, JsonArray m, List<(int, long)>? pollOffsets)
    {
        if (m.Count < 2 || m[1] is null) return;
        if (m[1] is not JsonObject byKey)
        {
            Bad(k.Op, $"poll result {m[1]!.ToJsonString()} is not a map of keys");
            return;
        }
        foreach (var (name, pairs) in byKey)
        {
            var key = KeyId(name);
            var into = Slot(k.Reads, key, _readSlot, _readStamp);
            var max = -1L;
            if (pairs is JsonArray list)
            {
                foreach (var p in list)
                {
                    if (p is not JsonArray pair || pair.Count < 2)
                    {
                        Bad(k.Op, $"polled message {p?.ToJsonString() ?? "null"} of key {name} is not [offset, message]");
                        continue;
                    }
                    var offset = Offset(pair[0]);
                    into.Messages.Add(new Message(offset, Keys[key].Intern(pair[1])));
                    if (offset is { } o && o > max) max = o;
                }
            }
            else if (pairs is not null) Bad(k.Op, $"poll result of key {name} is not a list");
            if (pollOffsets is not null && k.Op.Type is OpType.Ok or OpType.Info) MaxOffset(pollOffsets, key, max);
        }
    }

    private KeyMessages Slot(List<KeyMessages> list, int key, int[] slot, int[] stamp)
    {
        if (stamp[key] == _stamp) return list[slot[key]];
        stamp[key] = _stamp;
        slot[key] = list.Count;
        var added = new KeyMessages(key);
        list.Add(added);
        return added;
    }

    private void MaxOffset(List<(int Key, long Offset)> list, int key, long offset)
    {
        if (_offsetStamp[key] != _stamp)
        {
            _offsetStamp[key] = _stamp;
            _offsetSlot[key] = list.Count;
            list.Add((key, offset));
        }
        else if (offset > list[_offsetSlot[key]].Offset) list[_offsetSlot[key]] = (key, offset);
    }

    private static long? Offset(JsonNode? node) => JsonNumbers.TryGetInt64(node, out var o) ? o : null;

    /// <summary>Keys are strings in Maelstrom; any other JSON key is named by its text.</summary>
    private static string KeyName(JsonNode? node) => TryString(node, out var s) ? s : node?.ToJsonString() ?? "null";

    private static bool TryString(JsonNode? node, out string s)
    {
        s = "";
        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.String) return false;
        s = v.GetValue<string>();
        return true;
    }

    private void Bad(Op op, string what)
    {
        MalformedCount++;
        if (Malformed.Count < 8) Malformed.Add($"op {op.Index}: {what}");
    }
}
