using System.Text.Json.Nodes;
using Glomers.Harness.History;

namespace Glomers.Harness.Checkers.Txn;

/// <summary>
/// G0 (write cycles) over every write order the history proves. A committed txn T that reads a value
/// v of key k, written by another committed txn W (as its final or an intermediate value), and
/// afterwards writes k itself, proves that W's write of k came before T's: a ww edge W → T. Any cycle
/// of these is a G0: the txns' writes interleaved. Elle never reports G0 over registers: each ww edge
/// it infers (one of these, between final values) is also a wr edge and explained as one, so it files
/// the cycle as G1c, which read-uncommitted allows; and it cannot see intermediate writes at all
/// (jepsen-io/maelstrom issue 56).
/// </summary>
public static class WriteCycles
{
    private sealed record Proof(int Key, int Value, int ValueAfter);

    public static List<JsonNode> Find(TxnHistory history)
    {
        var txns = history.Transactions;
        var writerOf = new Dictionary<(int, int), int>();
        foreach (var t in txns.Where(t => t.IsOk))
            foreach (var m in t.Mops.Where(m => m.IsWrite)) writerOf.TryAdd((m.Key, m.Value), t.Id);

        var ww = new TxnGraph(txns.Count);
        var proofs = new Dictionary<(int, int), Proof>();
        foreach (var t in txns.Where(t => t.IsOk))
            for (var i = 0; i < t.Mops.Length; i++)
            {
                var m = t.Mops[i];
                if (m.IsWrite || m.Value == MicroOp.Nil || !writerOf.TryGetValue((m.Key, m.Value), out var w) || w == t.Id) continue;
                for (var j = i + 1; j < t.Mops.Length; j++)
                    if (t.Mops[j].IsWrite && t.Mops[j].Key == m.Key)
                    {
                        ww.Link(w, t.Id, Rel.WW);
                        proofs.TryAdd((w, t.Id), new Proof(m.Key, m.Value, t.Mops[j].Value));
                        break;
                    }
            }
        if (proofs.Count == 0) return [];
        var cases = new List<JsonNode>();
        var components = StronglyConnected.Components(ww.VertexCount, (v, into) => into.AddRange(ww.Out(v)));
        if (components.Count == 0) return cases;
        var search = new CycleSearch(ww);
        var spec = CycleSpec.All.First(s => s.Name == "G0");
        foreach (var scc in components)
        {
            var (outcome, cycle) = search.Find(scc, spec);
            if (outcome != CycleSearch.Outcome.Found) continue;
            var steps = new JsonArray();
            for (var i = 0; i + 1 < cycle!.Txns.Length; i++)
            {
                var (a, b) = (cycle.Txns[i], cycle.Txns[i + 1]);
                var p = proofs[(a, b)];
                steps.Add(new JsonObject
                {
                    ["type"] = "ww",
                    ["key"] = history.KeyNode(p.Key),
                    ["value"] = history.ValueNode(p.Value),
                    ["value'"] = history.ValueNode(p.ValueAfter),
                    ["intermediate?"] = !txns[a].TryExtWrite(p.Key, out var fa) || fa != p.Value
                        || !txns[b].TryExtWrite(p.Key, out var fb) || fb != p.ValueAfter,
                });
            }
            cases.Add(new JsonObject
            {
                ["type"] = "G0",
                ["cycle"] = new JsonArray([.. cycle.Txns.Select(id => (JsonNode)txns[id].Op.ToJson())]),
                ["steps"] = steps,
                ["proof"] = "writes-follow-reads over every read and write, intermediate ones included",
            });
        }
        return cases;
    }
}
