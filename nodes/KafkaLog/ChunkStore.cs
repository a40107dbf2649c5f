using System.Text.Json.Nodes;
using Glomers.NodeRuntime;
using Glomers.NodeRuntime.Protocol;
using Glomers.NodeRuntime.Services;
using Microsoft.Extensions.Logging;

namespace Glomers.KafkaLog;

/// <summary>
/// A node's own events in lin-kv, as numbered chunks <c>kafka-log/NODE/0</c>, <c>/1</c>, … written one
/// at a time, each created once and never changed. The chunks that exist are therefore always
/// 0..m-1, plus possibly chunk m from a write still travelling when the node died: recovery claims
/// the first free chunk itself, so such a late write can no longer land after this incarnation has
/// decided what it owns.
/// </summary>
internal sealed class ChunkStore(Node node, KvClient kv, TimeSpan retry)
{
    private const int ReadAhead = 16;
    private static readonly JsonNode Free = JsonValue.Create("free");

    /// <summary>The number the next chunk gets.</summary>
    public long Next { get; private set; }

    private string Key(long chunk) => $"kafka-log/{node.Id}/{chunk}";

    /// <summary>Reads every chunk in order and claims the first free one.</summary>
    public async Task<List<JsonNode?>> RecoverAsync()
    {
        var events = new List<JsonNode?>();
        var chunk = 0L;
        while (true)
        {
            // Reads go ReadAhead at a time; the chunks that exist are a prefix, so the first missing one ends it.
            var reads = Enumerable.Range(0, ReadAhead).Select(i => ReadAsync(chunk + i)).ToList();
            var found = await Task.WhenAll(reads);
            var missing = Array.FindIndex(found, f => f is null);
            foreach (var c in missing < 0 ? found : found[..missing]) events.AddRange(((JsonArray)c!).Select(e => e?.DeepClone()));
            if (missing < 0)
            {
                chunk += ReadAhead;
                continue;
            }
            chunk += missing;
            var claimed = await CreateAsync(chunk, new JsonArray());
            if (claimed is null)
            {
                Next = chunk + 1;
                return events;
            }
            // A write of the previous incarnation landed first: its events are this node's too.
            events.AddRange(claimed.AsArray().Select(e => e?.DeepClone()));
            chunk++;
        }
    }

    /// <summary>Writes the next chunk and returns once lin-kv holds it.</summary>
    public async Task AppendAsync(JsonArray chunkEvents)
    {
        var other = await CreateAsync(Next, chunkEvents);
        if (other is not null)
            throw new InvalidOperationException($"chunk {Key(Next)} holds {other.ToJsonString()}, written by no one alive");
        Next++;
    }

    /// <summary>Creates the chunk with <paramref name="value"/>; null when it is ours, else the other value found there.</summary>
    private async Task<JsonNode?> CreateAsync(long chunk, JsonArray value)
    {
        while (true)
        {
            try
            {
                await kv.CasAsync(Key(chunk), Free, value, createIfNotExists: true);
                return null;
            }
            catch (RpcException e) when (e.Code == ErrorCode.PreconditionFailed || !e.Definite)
            {
                // Taken, or unknown: the chunk itself says whose it is.
                var there = await ReadAsync(chunk);
                if (there is null) continue;
                return JsonNode.DeepEquals(there, value) ? null : there;
            }
            catch (RpcException e)
            {
                node.Log.LogWarning("Writing {Key} refused: {Error}", Key(chunk), e.Message);
                await node.Delay(retry);
            }
        }
    }

    /// <summary>The chunk's events, or null when it does not exist; retries until lin-kv answers.</summary>
    private async Task<JsonNode?> ReadAsync(long chunk)
    {
        while (true)
        {
            try
            {
                var value = await kv.ReadOrDefaultAsync(Key(chunk), null);
                if (value is null or JsonArray) return value;
                node.Log.LogError("{Key} holds {Value}, which is not a chunk; read as empty", Key(chunk), value.ToJsonString());
                return new JsonArray();
            }
            catch (RpcException e) when (!e.Definite)
            {
                node.Log.LogInformation("Reading {Key}: {Error}", Key(chunk), e.Message);
            }
            catch (RpcException e)
            {
                node.Log.LogWarning("Reading {Key} refused: {Error}", Key(chunk), e.Message);
                await node.Delay(retry);
            }
        }
    }
}
