using System.Text.Json.Nodes;

namespace Glomers.Harness.Workloads.TxnRwRegister;

/// <summary>txn-rw-register's client: the micro-ops out, the node's list with the reads filled in back.</summary>
public sealed class TxnClient : RequestReplyClient
{
    public static TxnClient Instance { get; } = new();

    public override JsonObject Request(Invocation op) => new() { ["type"] = "txn", ["txn"] = op.Value?.DeepClone() };

    public override JsonNode? Complete(Invocation op, JsonObject reply)
    {
        ReplySchema.Check(reply, "txn_ok", ("txn", IsCompletedTxn, "a list of [\"r\", k, v] and [\"w\", k, v] micro-ops"));
        return reply["txn"]!.DeepClone();
    }

    /// <summary>Maelstrom's schema: each micro-op is exactly [f, k, v] with f "r" or "w"; keys and values may be anything.</summary>
    private static bool IsCompletedTxn(JsonNode? node) =>
        node is JsonArray txn && txn.All(m => m is JsonArray { Count: 3 } mop && mop[0] is JsonValue f && f.TryGetValue(out string? name) && name is "r" or "w");
}
