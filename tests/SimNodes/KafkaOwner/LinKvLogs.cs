using System.Text.Json.Nodes;
using Glomers.NodeRuntime.Protocol;
using Glomers.NodeRuntime.Services;

namespace Glomers.SimNodes.KafkaOwner;

/// <summary>
/// Logs kept in the lin-kv service, so every node can serve every request: "next/k" is the next free
/// offset of key k (taken with a cas), "msg/k/o" the message at offset o, "commit/k" the committed
/// offset. A send is acknowledged once its message is written; a poll reads from the asked offset up
/// to the first offset whose message is not written yet.
/// </summary>
internal sealed class LinKvLogs(KvClient kv)
{
    private const int PollBatch = 10;

    public async Task<long> SendAsync(string key, JsonNode? msg)
    {
        while (true)
        {
            var next = await kv.ReadInt64Async($"next/{key}");
            try
            {
                await kv.CasAsync($"next/{key}", next, next + 1, createIfNotExists: true);
            }
            catch (RpcException e) when (e.Code == ErrorCode.PreconditionFailed)
            {
                continue;
            }
            await kv.WriteAsync($"msg/{key}/{next}", msg);
            return next;
        }
    }

    public async Task<JsonArray> PollAsync(string key, long from)
    {
        var pairs = new JsonArray();
        for (var offset = from; pairs.Count < PollBatch; offset++)
        {
            JsonNode? msg;
            try
            {
                msg = await kv.ReadAsync($"msg/{key}/{offset}");
            }
            catch (RpcException e) when (e.Code == ErrorCode.KeyDoesNotExist)
            {
                break;
            }
            pairs.Add(new JsonArray(offset, msg));
        }
        return pairs;
    }

    public Task CommitAsync(string key, long offset) => kv.WriteAsync($"commit/{key}", offset);

    /// <summary>The committed offset of a key, or null when none was committed.</summary>
    public async Task<long?> CommittedAsync(string key) =>
        await kv.ReadOrDefaultAsync($"commit/{key}", null) is JsonValue v && v.TryGetValue(out long offset) ? offset : null;
}
