using System.Text.Json.Nodes;

namespace Glomers.TxnKv;

/// <summary>
/// One step of a transaction: a read of <see cref="Key"/> or a write of <see cref="Value"/> to it.
/// <see cref="KeyText"/> is the key's JSON text, which names the register (keys may be any JSON).
/// </summary>
public sealed record MicroOp(bool IsWrite, string KeyText, JsonNode Key, JsonNode? Value)
{
    /// <summary>
    /// The micro-ops of a txn request, checked as a whole before anything runs, so a bad one fails
    /// the txn without a trace: a list of <c>["r", k, v]</c> (v ignored) and <c>["w", k, v]</c> with v not null.
    /// </summary>
    public static bool TryParseTxn(JsonNode? txn, out MicroOp[] ops, out string error)
    {
        ops = [];
        if (txn is not JsonArray list)
        {
            error = $"txn: field 'txn' must be a list of micro-ops, got {Text(txn)}";
            return false;
        }
        var parsed = new MicroOp[list.Count];
        for (var i = 0; i < list.Count; i++)
        {
            if (!TryParse(list[i], out parsed[i], out var why))
            {
                error = $"txn: micro-op {i} {Text(list[i])} {why}";
                return false;
            }
        }
        ops = parsed;
        error = "";
        return true;
    }

    private static bool TryParse(JsonNode? node, out MicroOp op, out string error)
    {
        op = null!;
        if (node is not JsonArray mop)
        {
            error = "is not a list [f, k, v]";
            return false;
        }
        if (mop.Count is < 2 or > 3)
        {
            error = $"has {mop.Count} elements, not [f, k, v]";
            return false;
        }
        if (mop[0] is not JsonValue f || !f.TryGetValue(out string? name) || name is not ("r" or "w"))
        {
            error = "has an unknown function: only \"r\" and \"w\" are micro-ops";
            return false;
        }
        if (mop[1] is not { } key)
        {
            error = "has no key";
            return false;
        }
        if (name == "w" && (mop.Count < 3 || mop[2] is null))
        {
            error = "writes no value";
            return false;
        }
        op = new MicroOp(name == "w", key.ToJsonString(), key, name == "w" ? mop[2] : null);
        error = "";
        return true;
    }

    private static string Text(JsonNode? node) => node?.ToJsonString() ?? "null";
}
