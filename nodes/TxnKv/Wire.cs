using System.Text.Json.Nodes;
using Glomers.NodeRuntime.Protocol;

namespace Glomers.TxnKv;

/// <summary>
/// The replication message between nodes: <c>{"type":"replicate","ack":A,"from":F,"txns":[[time,[k1,v1,k2,v2,…]],…]}</c>,
/// the sender's entries F, F+1, … and its confirmation A of the receiver's log.
/// </summary>
public static class Wire
{
    public const string Replicate = "replicate";

    public static JsonObject Build(Shipment shipment, WriteLog log)
    {
        var txns = new JsonArray();
        for (var seq = shipment.From; seq <= shipment.To; seq++)
        {
            var txn = log[seq];
            var writes = new JsonArray();
            foreach (var w in txn.Writes)
            {
                writes.Add(w.Key.DeepClone());
                writes.Add(w.Value.DeepClone());
            }
            txns.Add((JsonNode)new JsonArray(txn.Time, writes));
        }
        return new JsonObject { ["type"] = Replicate, ["ack"] = shipment.Ack, ["from"] = shipment.From, ["txns"] = txns };
    }

    /// <summary>Reads a replicate body; a malformed one is refused whole, before anything is applied.</summary>
    public static (long Ack, long From, List<LoggedTxn> Txns) Parse(Message message)
    {
        var ack = message.GetInt64("ack");
        var from = message.GetInt64("from");
        if (message.Required("txns") is not JsonArray list) throw RpcException.Malformed("replicate: 'txns' must be a list");
        var txns = new List<LoggedTxn>(list.Count);
        foreach (var item in list)
        {
            if (item is not JsonArray { Count: 2 } pair || pair[0] is not JsonValue t || !t.TryGetValue(out long time)
                || pair[1] is not JsonArray flat || flat.Count % 2 != 0)
                throw RpcException.Malformed($"replicate: entry {item?.ToJsonString() ?? "null"} is not [time, [k, v, …]]");
            var writes = new FinalWrite[flat.Count / 2];
            for (var i = 0; i < writes.Length; i++)
            {
                var key = flat[2 * i] ?? throw RpcException.Malformed("replicate: a write has no key");
                var value = flat[2 * i + 1] ?? throw RpcException.Malformed("replicate: a write has no value");
                writes[i] = new FinalWrite(key.ToJsonString(), key, value);
            }
            txns.Add(new LoggedTxn(time, writes));
        }
        return (ack, from, txns);
    }
}
