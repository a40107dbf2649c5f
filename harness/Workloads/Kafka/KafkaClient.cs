using System.Text.Json.Nodes;
using Glomers.Harness.Checkers;
using Glomers.Harness.History;

namespace Glomers.Harness.Workloads.Kafka;

/// <summary>
/// Maelstrom's kafka client: it keeps, per assigned key, the offset to poll from next. A poll sends
/// those offsets, moves each returned key past the highest offset it got (never backwards), then
/// commits the highest offsets it polled. An assign keeps only the keys named, each starting at the
/// client's own offset, else the committed one (list_committed_offsets), else 0; a final assign
/// ("seek-to-beginning?") starts every key at 0 without asking. A crash ends in info, which makes the
/// bench open a fresh client: the offsets are gone with it.
/// </summary>
public sealed class KafkaClient : IClientSession
{
    private Dictionary<string, long> offsets = [];

    /// <summary>The offsets the next poll asks for, in the order the keys were assigned or first returned.</summary>
    public IReadOnlyDictionary<string, long> Offsets => offsets;

    public async Task<Completion> InvokeAsync(Invocation op, ClientCall call)
    {
        switch (op.F)
        {
            case KafkaOps.Crash:
                return new Completion(OpType.Info, null);
            case KafkaOps.Assign:
                await AssignAsync(op, call);
                return new Completion(OpType.Ok, op.Value?.DeepClone());
            case KafkaOps.Poll:
                return new Completion(OpType.Ok, new JsonArray(new JsonArray(KafkaOps.Poll, await PollAsync(call))));
            case KafkaOps.Send:
                var mop = (JsonArray)((JsonArray)op.Value!)[0]!;
                var key = mop[1]!.GetValue<string>();
                var msg = mop[2]?.DeepClone();
                var reply = await call(new JsonObject { ["type"] = "send", ["key"] = key, ["msg"] = msg });
                ReplySchema.Check(reply, "send_ok", ("offset", ReplySchema.IsInteger, "an integer"));
                return new Completion(OpType.Ok, new JsonArray(new JsonArray(KafkaOps.Send, key, new JsonArray(reply["offset"]!.DeepClone(), msg?.DeepClone()))));
            default:
                throw new InvalidOperationException($"kafka has no op '{op.F}'");
        }
    }

    private async Task AssignAsync(Invocation op, ClientCall call)
    {
        var keys = ((JsonArray)op.Value!).Select(k => k!.GetValue<string>()).Distinct().ToList();
        if (op.Fields?["seek-to-beginning?"] is JsonValue seek && seek.TryGetValue(out bool rewind) && rewind)
        {
            offsets = keys.ToDictionary(k => k, _ => 0L);
            return;
        }
        var reply = await call(new JsonObject
        {
            ["type"] = "list_committed_offsets",
            ["keys"] = new JsonArray([.. keys.Select(k => (JsonNode)k)]),
        });
        ReplySchema.Check(reply, "list_committed_offsets_ok", ("offsets", IsOffsetMap, "a map of keys to integer offsets"));
        var committed = (JsonObject)reply["offsets"]!;
        offsets = keys.ToDictionary(k => k, k => offsets.TryGetValue(k, out var mine) ? mine
            : JsonNumbers.TryGetInt64(committed[k], out var c) ? c : 0L);
    }

    private async Task<JsonObject> PollAsync(ClientCall call)
    {
        var request = new JsonObject();
        foreach (var (key, offset) in offsets) request[key] = offset;
        var reply = await call(new JsonObject { ["type"] = "poll", ["offsets"] = request });
        ReplySchema.Check(reply, "poll_ok", ("msgs", IsMessageMap, "a map of keys to lists of [offset, msg] pairs"));
        var msgs = (JsonObject)reply["msgs"]!;
        var commit = new JsonObject();
        foreach (var (key, pairs) in msgs)
        {
            var list = (JsonArray)pairs!;
            var highest = list.Select(p => JsonNumbers.TryGetInt64(p![0], out var o) ? o : -1).DefaultIfEmpty(-1).Max();
            offsets[key] = offsets.TryGetValue(key, out var had) ? Math.Max(had, highest + 1) : highest + 1;
            if (list.Count > 0) commit[key] = Math.Max(0, highest);
        }
        if (commit.Count > 0)
        {
            var committed = await call(new JsonObject { ["type"] = "commit_offsets", ["offsets"] = commit });
            ReplySchema.Check(committed, "commit_offsets_ok");
        }
        return (JsonObject)msgs.DeepClone();
    }

    private static bool IsOffsetMap(JsonNode? node) =>
        node is JsonObject map && map.All(kv => ReplySchema.IsInteger(kv.Value));

    /// <summary>Maelstrom's schema: each key maps to a list of exactly two-element [integer offset, any msg] pairs.</summary>
    private static bool IsMessageMap(JsonNode? node) =>
        node is JsonObject map && map.All(kv => kv.Value is JsonArray pairs && pairs.All(p => p is JsonArray { Count: 2 } pair && ReplySchema.IsInteger(pair[0])));
}
