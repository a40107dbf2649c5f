using System.Text.Json.Nodes;

namespace Glomers.Harness.Checkers.Kafka;

/// <summary>Errors visible in the logs alone: one offset with several values, one value at several offsets.</summary>
internal static class LogFindings
{
    /// <summary>inconsistent-offsets: sends and polls disagree about the value at an offset.</summary>
    public static List<ErrorCase> InconsistentOffsets(KafkaAnalysis a)
    {
        var cases = new List<ErrorCase>();
        foreach (var order in a.Orders)
            for (var i = 0; i < order.Offsets.Length; i++)
            {
                var values = order.ValuesAt[i];
                if (values.Count < 2) continue;
                var (o, index, key) = (order.Offsets[i], i, order.Key);
                cases.Add(new ErrorCase(values.Count, () => new JsonObject
                {
                    ["key"] = key.Name,
                    ["offset"] = o,
                    ["index"] = index,
                    ["values"] = Sorted(key, values),
                }));
            }
        return cases;
    }

    /// <summary>duplicate: one value at more than one offset of a key.</summary>
    public static List<ErrorCase> Duplicates(KafkaAnalysis a)
    {
        var cases = new List<ErrorCase>();
        foreach (var order in a.Orders)
            for (var v = 0; v < order.Occurrences.Length; v++)
            {
                var count = order.Occurrences[v];
                if (count < 2) continue;
                var (value, key, o) = (v, order.Key, order);
                cases.Add(new ErrorCase(count, () => new JsonObject
                {
                    ["key"] = key.Name,
                    ["value"] = key.ValueJson(value),
                    ["count"] = count,
                    ["offsets"] = new JsonArray([.. Enumerable.Range(0, o.Offsets.Length)
                        .Where(i => o.ValuesAt[i].Contains(value)).Select(i => (JsonNode)o.Offsets[i])]),
                }));
            }
        return cases;
    }

    internal static JsonArray Sorted(KafkaKey key, IEnumerable<int> values) =>
        new([.. values.Select(key.ValueJson).Order(JsonValueOrder.Instance)]);
}
