using System.Text.Json.Nodes;
using Glomers.Harness.Cli;

namespace Glomers.Harness.Workloads;

/// <summary>
/// txn-rw-register: every op is one txn of Elle's wr-txns (length 1..--max-txn-length, reads and
/// writes at 50/50 over --key-count active keys, default 10, each key written 1, 2, … up to
/// --max-writes-per-key). f "txn"; the value is the micro-op list <c>[["r",k,null],["w",k,v]]</c>, and
/// an ok completion carries the node's list with the reads filled in. No f is idempotent, so only
/// definite errors fail a txn; the client is reusable and there is no final phase.
/// </summary>
public sealed class TxnRwRegisterWorkload(TestOptions options) : IWorkload
{
    private readonly WriteReadTxns txns = new(options.KeyCount ?? 10, 1, options.MaxTxnLength, options.MaxWritesPerKey);

    public string Name => "txn-rw-register";
    public bool HasFinalPhase => false;
    public IReadOnlySet<string>? IdempotentFs { get; } = new HashSet<string>();
    public TimeSpan ClientTimeout => Workloads.DefaultTimeout;
    public bool ClientReusable => true;

    public Invocation Next(Random random, int thread) =>
        new("txn", new JsonArray([.. txns.Next(random).Select(m => (JsonNode)new JsonArray(m.IsWrite ? "w" : "r", m.Key, m.Value))]));

    public Invocation Final(int thread) => throw new InvalidOperationException("txn-rw-register has no final phase");

    public JsonObject Request(Invocation op) => new() { ["type"] = "txn", ["txn"] = op.Value?.DeepClone() };

    public JsonNode? Complete(Invocation op, JsonObject reply)
    {
        ReplySchema.Check(reply, "txn_ok", ("txn", IsCompletedTxn, "a list of [\"r\", k, v] and [\"w\", k, v] micro-ops"));
        return reply["txn"]!.DeepClone();
    }

    public (JsonObject Request, string ReplyType)? Setup(string node, TestOptions options) => null;

    /// <summary>Maelstrom's schema: each micro-op is exactly [f, k, v] with f "r" or "w"; keys and values may be anything.</summary>
    private static bool IsCompletedTxn(JsonNode? node) =>
        node is JsonArray txn && txn.All(m => m is JsonArray { Count: 3 } mop && mop[0] is JsonValue f && f.TryGetValue(out string? name) && name is "r" or "w");
}
