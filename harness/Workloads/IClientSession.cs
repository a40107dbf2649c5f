using System.Text.Json.Nodes;
using Glomers.Harness.History;

namespace Glomers.Harness.Workloads;

/// <summary>How an op ended when none of its calls failed: ok with the completion value, or info (kafka's crash).</summary>
public readonly record struct Completion(OpType Type, JsonNode? Value);

/// <summary>One RPC to the worker's node: the reply body, or <see cref="RpcFailedException"/> for an error body or no reply in time.</summary>
public delegate Task<JsonObject> ClientCall(JsonObject body);

/// <summary>
/// One Jepsen client from open to close: the state it keeps between ops (kafka's poll offsets) and how
/// it performs an op with one or more calls. A failed call ends the op, which the bench then maps as
/// Maelstrom's with-errors does; state changed before the failure stays changed.
/// </summary>
public interface IClientSession
{
    Task<Completion> InvokeAsync(Invocation op, ClientCall call);
}

/// <summary>A call answered with an error body, or not answered in time (<see cref="Reply"/> null).</summary>
public sealed class RpcFailedException(JsonObject? reply)
    : Exception(reply is null ? "no reply in time" : $"error reply {reply.ToJsonString()}")
{
    public JsonObject? Reply { get; } = reply;
}
