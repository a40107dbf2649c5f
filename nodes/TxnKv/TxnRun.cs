using System.Text.Json.Nodes;

namespace Glomers.TxnKv;

/// <summary>A key's final write within one transaction: the only write other transactions may see.</summary>
public readonly record struct FinalWrite(string KeyText, JsonNode Key, JsonNode Value);

/// <summary>
/// One transaction run against a snapshot: micro-ops in order, each read seeing the txn's own
/// earlier write of the key or else the store's value. The result is the reply's micro-op list
/// and, per key, the last write (intermediate writes never leave the txn).
/// </summary>
public static class TxnRun
{
    public static (JsonArray Done, IReadOnlyList<FinalWrite> Writes) Execute(IReadOnlyList<MicroOp> ops, Func<string, JsonNode?> read)
    {
        var done = new JsonArray();
        List<FinalWrite>? writes = null;
        Dictionary<string, int>? written = null;
        foreach (var op in ops)
        {
            if (op.IsWrite)
            {
                writes ??= [];
                written ??= new(StringComparer.Ordinal);
                var w = new FinalWrite(op.KeyText, op.Key, op.Value!);
                if (written.TryGetValue(op.KeyText, out var at)) writes[at] = w;
                else
                {
                    written[op.KeyText] = writes.Count;
                    writes.Add(w);
                }
                done.Add((JsonNode)new JsonArray("w", op.Key.DeepClone(), op.Value!.DeepClone()));
            }
            else
            {
                var value = written is not null && written.TryGetValue(op.KeyText, out var at) ? writes![at].Value : read(op.KeyText);
                done.Add((JsonNode)new JsonArray("r", op.Key.DeepClone(), value?.DeepClone()));
            }
        }
        return (done, (IReadOnlyList<FinalWrite>?)writes ?? []);
    }

    public static bool Writes(IReadOnlyList<MicroOp> ops) => ops.Any(o => o.IsWrite);
}
