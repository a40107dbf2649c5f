using System.Text.Json.Nodes;
using Glomers.Harness.History;

namespace Glomers.Harness.Checkers.Txn;

/// <summary>
/// The anomalies seen without the dependency graph, each a list of cases: aborted reads (G1a),
/// intermediate reads (G1b), internal inconsistency, lost updates and dirty updates.
/// </summary>
public sealed class ItemAnomalies(TxnHistory history)
{
    private IReadOnlyList<Transaction> Txns => history.Transactions;

    /// <summary>G1a: a committed txn read a value written by a txn that failed (any of its writes).</summary>
    public List<JsonNode> AbortedReads()
    {
        var failed = FailedWrites();
        var cases = new List<JsonNode>();
        foreach (var t in Txns.Where(t => t.IsOk))
            foreach (var m in t.Mops)
                if (!m.IsWrite && failed.TryGetValue((m.Key, m.Value), out var w))
                    cases.Add(new JsonObject { ["op"] = t.Op.ToJson(), ["mop"] = history.MopJson(m), ["writer"] = Txns[w].Op.ToJson() });
        return cases;
    }

    /// <summary>G1b: a committed txn read a value that another txn later overwrote within itself.</summary>
    public List<JsonNode> IntermediateReads()
    {
        var intermediate = new Dictionary<(int, int), int>();
        foreach (var t in Txns)
            for (var i = 0; i < t.Mops.Length; i++)
                if (t.Mops[i].IsWrite && WrittenAgain(t.Mops, i)) intermediate[(t.Mops[i].Key, t.Mops[i].Value)] = t.Id;
        var cases = new List<JsonNode>();
        foreach (var t in Txns.Where(t => t.IsOk))
            foreach (var m in t.Mops)
                if (!m.IsWrite && intermediate.TryGetValue((m.Key, m.Value), out var w) && w != t.Id)
                    cases.Add(new JsonObject { ["op"] = t.Op.ToJson(), ["mop"] = history.MopJson(m), ["writer"] = Txns[w].Op.ToJson() });
        return cases;
    }

    /// <summary>
    /// Internal: a read that disagrees with what the same txn already wrote or read of that key. A
    /// read of nil followed by a read of a value counts too (Elle 0.2.2 misses that one).
    /// </summary>
    public List<JsonNode> Internal()
    {
        var cases = new List<JsonNode>();
        foreach (var t in Txns.Where(t => t.IsOk))
        {
            for (var i = 0; i < t.Mops.Length; i++)
            {
                var m = t.Mops[i];
                var before = Previous(t.Mops, i);
                if (m.IsWrite || before < 0 || t.Mops[before].Value == m.Value) continue;
                cases.Add(new JsonObject { ["op"] = t.Op.ToJson(), ["mop"] = history.MopJson(m), ["expected"] = history.ValueNode(t.Mops[before].Value) });
                break;
            }
        }
        return cases;
    }

    /// <summary>
    /// Lost update: two or more committed txns read the same value of a key and both wrote that key,
    /// so one update was based on a state the other had already replaced (Elle's definition,
    /// independent of the version order).
    /// </summary>
    public List<JsonNode> LostUpdates()
    {
        var groups = new Dictionary<(int Key, int Value), List<int>>();
        foreach (var t in Txns.Where(t => t.IsOk))
        {
            for (var i = 0; i < t.Mops.Length; i++)
            {
                var m = t.Mops[i];
                if (!m.IsWrite) continue;
                // As Elle: a write before any read of the key does not make the txn a read-modify-write.
                var read = FirstRead(t.Mops, m.Key, i);
                if (read < 0 || Counted(t.Mops, m.Key, i)) continue;
                var key = (m.Key, t.Mops[read].Value);
                if (!groups.TryGetValue(key, out var list)) groups[key] = list = [];
                list.Add(t.Id);
            }
        }
        return [.. groups.Where(g => g.Value.Count >= 2)
            .OrderBy(g => g.Key.Key).ThenBy(g => g.Key.Value)
            .Select(g => (JsonNode)new JsonObject
            {
                ["key"] = history.KeyNode(g.Key.Key),
                ["value"] = history.ValueNode(g.Key.Value),
                ["txns"] = new JsonArray([.. g.Value.Select(id => (JsonNode)Txns[id].Op.ToJson())]),
            })];
    }

    /// <summary>
    /// Dirty update: a committed txn read a failed txn's write of a key and then wrote that key, so a
    /// committed version was built on an aborted one. Elle names this anomaly for list-append only;
    /// every case is also a G1a.
    /// </summary>
    public List<JsonNode> DirtyUpdates()
    {
        var failed = FailedWrites();
        var cases = new List<JsonNode>();
        foreach (var t in Txns.Where(t => t.IsOk))
        {
            var reported = new HashSet<int>();
            for (var i = 0; i < t.Mops.Length; i++)
            {
                var m = t.Mops[i];
                if (m.IsWrite || !failed.TryGetValue((m.Key, m.Value), out var w) || reported.Contains(m.Key)) continue;
                var later = t.Mops.Skip(i + 1).Where(x => x.IsWrite && x.Key == m.Key).Select(x => (int?)x.Value).FirstOrDefault();
                if (later is null) continue;
                reported.Add(m.Key);
                cases.Add(new JsonObject
                {
                    ["op"] = t.Op.ToJson(),
                    ["key"] = history.KeyNode(m.Key),
                    ["value"] = history.ValueNode(m.Value),
                    ["value'"] = history.ValueNode(later.Value),
                    ["writer"] = Txns[w].Op.ToJson(),
                });
            }
        }
        return cases;
    }

    private static bool WrittenAgain(MicroOp[] mops, int i)
    {
        for (var j = i + 1; j < mops.Length; j++)
            if (mops[j].IsWrite && mops[j].Key == mops[i].Key) return true;
        return false;
    }

    // The last micro-op on the same key before position i, or -1.
    private static int Previous(MicroOp[] mops, int i)
    {
        for (var j = i - 1; j >= 0; j--)
            if (mops[j].Key == mops[i].Key) return j;
        return -1;
    }

    private static int FirstRead(MicroOp[] mops, int key, int before)
    {
        for (var j = 0; j < before; j++)
            if (!mops[j].IsWrite && mops[j].Key == key) return j;
        return -1;
    }

    // Whether an earlier write of the key, after a read of it, already counted this txn.
    private static bool Counted(MicroOp[] mops, int key, int before)
    {
        for (var j = 0; j < before; j++)
            if (mops[j].IsWrite && mops[j].Key == key && FirstRead(mops, key, j) >= 0) return true;
        return false;
    }

    private Dictionary<(int, int), int> FailedWrites()
    {
        var failed = new Dictionary<(int, int), int>();
        foreach (var t in Txns.Where(t => t.Outcome == TxnOutcome.Fail))
            foreach (var m in t.Mops.Where(m => m.IsWrite)) failed[(m.Key, m.Value)] = t.Id;
        return failed;
    }
}
