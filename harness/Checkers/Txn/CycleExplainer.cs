using System.Text.Json.Nodes;
using Glomers.Harness.History;

namespace Glomers.Harness.Checkers.Txn;

/// <summary>Says why each step of a cycle holds, in Elle's terms: the key and the versions involved.</summary>
public sealed class CycleExplainer(TxnHistory history, VersionOrder versions)
{
    public JsonObject Cycle(string type, CycleSearch.Cycle cycle)
    {
        var steps = new JsonArray();
        for (var i = 0; i + 1 < cycle.Txns.Length; i++) steps.Add(Step(cycle.Txns[i], cycle.Txns[i + 1], cycle.Steps[i]));
        return new JsonObject
        {
            ["type"] = type,
            ["cycle"] = new JsonArray([.. cycle.Txns.Select(id => (JsonNode)history.Transactions[id].Op.ToJson())]),
            ["steps"] = steps,
        };
    }

    /// <summary>The history index by which reports name a transaction.</summary>
    public long OpIndex(int txn) => history.Transactions[txn].Op.Index;

    public JsonObject Step(int from, int to, Rel rel)
    {
        var a = history.Transactions[from];
        var b = history.Transactions[to];
        var step = new JsonObject { ["type"] = RelNames.Name(rel) };
        switch (rel)
        {
            case Rel.WR:
                foreach (var (k, v) in a.ExtWrites)
                    if (b.TryExtRead(k, out var read) && read == v)
                        return Data(step, k, v, null);
                break;
            case Rel.WW or Rel.RW:
                foreach (var (k, v) in rel == Rel.WW ? a.ExtWrites : a.ExtReads)
                    if (b.TryExtWrite(k, out var later) && versions.Edges.TryGetValue(k, out var order) && order.Contains((v, later)))
                        return Data(step, k, v, later);
                break;
            case Rel.Realtime:
                step["a'"] = a.Op.Index;
                step["b"] = b.Invoke.Index;
                break;
            case Rel.Process:
                step["process"] = a.Op.Process;
                break;
        }
        return step;
    }

    private JsonObject Data(JsonObject step, int key, int value, int? later)
    {
        step["key"] = history.KeyNode(key);
        step["value"] = history.ValueNode(value);
        if (later is { } l) step["value'"] = history.ValueNode(l);
        return step;
    }
}
