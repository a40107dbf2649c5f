using System.Text.Json.Nodes;
using Glomers.NodeRuntime.Protocol;

namespace Glomers.NodeRuntime.Services;

/// <summary>
/// Client for Maelstrom's key-value services. The three share one API and differ in what they
/// promise: lin-kv is linearizable; seq-kv is sequential (reads may be stale but never go
/// backwards for this node; writes and successful cas act on the newest state); lww-kv is only
/// eventually consistent and ignores create_if_not_exists.
/// Keys and values are any JSON (a string or a number converts implicitly).
/// Errors surface as <see cref="RpcException"/>: 20 key-does-not-exist, 22 precondition-failed,
/// 0 timeout (indefinite: the operation may or may not have happened).
/// </summary>
public sealed class KvClient(Node node, string service, TimeSpan? timeout = null)
{
    public const string SeqKvService = "seq-kv";
    public const string LinKvService = "lin-kv";
    public const string LwwKvService = "lww-kv";

    public static KvClient SeqKv(Node node, TimeSpan? timeout = null) => new(node, SeqKvService, timeout);
    public static KvClient LinKv(Node node, TimeSpan? timeout = null) => new(node, LinKvService, timeout);
    public static KvClient LwwKv(Node node, TimeSpan? timeout = null) => new(node, LwwKvService, timeout);

    public string Service { get; } = service;
    public TimeSpan Timeout { get; } = timeout ?? TimeSpan.FromSeconds(1);

    /// <summary>The key's value; throws key-does-not-exist (20) when it has none.</summary>
    public async Task<JsonNode?> ReadAsync(JsonNode key, CancellationToken cancellationToken = default)
    {
        var reply = await node.RpcAsync(Service, new JsonObject { ["type"] = "read", ["key"] = key.DeepClone() }, Timeout, cancellationToken);
        if (!reply.Body.ContainsKey("value"))
            throw RpcException.Malformed($"{Service} answered read without a value: {reply}");
        return reply.Body["value"]?.DeepClone();
    }

    /// <summary>The key's value, or <paramref name="missing"/> when the key does not exist.</summary>
    public async Task<JsonNode?> ReadOrDefaultAsync(JsonNode key, JsonNode? missing, CancellationToken cancellationToken = default)
    {
        try
        {
            return await ReadAsync(key, cancellationToken);
        }
        catch (RpcException e) when (e.Code == ErrorCode.KeyDoesNotExist)
        {
            return missing;
        }
    }

    /// <summary>An integer value, or <paramref name="missing"/> when the key does not exist.</summary>
    public async Task<long> ReadInt64Async(JsonNode key, long missing = 0, CancellationToken cancellationToken = default)
    {
        var value = await ReadOrDefaultAsync(key, missing, cancellationToken);
        return value is JsonValue v && v.TryGetValue(out long n)
            ? n
            : throw RpcException.Malformed($"{Service}: value of {key.ToJsonString()} is not an integer: {value?.ToJsonString() ?? "null"}");
    }

    public Task WriteAsync(JsonNode key, JsonNode? value, CancellationToken cancellationToken = default) =>
        node.RpcAsync(Service, new JsonObject
        {
            ["type"] = "write",
            ["key"] = key.DeepClone(),
            ["value"] = value?.DeepClone(),
        }, Timeout, cancellationToken);

    /// <summary>
    /// Sets the key to <paramref name="to"/> if it holds <paramref name="from"/>. Throws
    /// precondition-failed (22) on another value, key-does-not-exist (20) on a missing key unless
    /// <paramref name="createIfNotExists"/> is set (lww-kv ignores that flag).
    /// </summary>
    public Task CasAsync(JsonNode key, JsonNode? from, JsonNode? to, bool createIfNotExists = false, CancellationToken cancellationToken = default)
    {
        var body = new JsonObject
        {
            ["type"] = "cas",
            ["key"] = key.DeepClone(),
            ["from"] = from?.DeepClone(),
            ["to"] = to?.DeepClone(),
        };
        if (createIfNotExists) body["create_if_not_exists"] = true;
        return node.RpcAsync(Service, body, Timeout, cancellationToken);
    }
}
