using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Glomers.Harness.Tests.Fixtures;

/// <summary>
/// Compares a figure tree of ours with Maelstrom's, read from EDN: numbers by value (Maelstrom's
/// 1.0 equals our 1; a figure Maelstrom keeps as a float equals ours at float precision), maps by
/// key whatever the order, sequences in order. Gives every difference with its path.
/// </summary>
internal static class JsonFigures
{
    public static List<string> Differences(JsonNode? maelstrom, JsonNode? ours, string path = "")
    {
        var found = new List<string>();
        Compare(maelstrom, ours, path, found);
        return found;
    }

    private static void Compare(JsonNode? m, JsonNode? o, string path, List<string> found)
    {
        switch (m, o)
        {
            case (null, null):
                return;
            case (JsonObject mo, JsonObject oo):
                foreach (var (key, value) in mo)
                {
                    if (!oo.ContainsKey(key)) found.Add($"{path}/{key}: Maelstrom has {Text(value)}, we have no such key");
                    else Compare(value, oo[key], $"{path}/{key}", found);
                }
                foreach (var (key, value) in oo.Where(kv => !mo.ContainsKey(kv.Key)))
                    found.Add($"{path}/{key}: we have {Text(value)}, Maelstrom has no such key");
                return;
            case (JsonArray ma, JsonArray oa):
                if (ma.Count != oa.Count) found.Add($"{path}: Maelstrom has {ma.Count} items, we have {oa.Count} ({Text(ma)} vs {Text(oa)})");
                else for (var i = 0; i < ma.Count; i++) Compare(ma[i], oa[i], $"{path}[{i}]", found);
                return;
            case (JsonValue mv, JsonValue ov) when Number(mv) is { } a && Number(ov) is { } b:
                if (a != b && (float)a != (float)b) found.Add($"{path}: Maelstrom has {Text(mv)}, we have {Text(ov)}");
                return;
            default:
                if (!JsonNode.DeepEquals(m, o)) found.Add($"{path}: Maelstrom has {Text(m)}, we have {Text(o)}");
                return;
        }
    }

    private static double? Number(JsonValue v) =>
        v.GetValueKind() == JsonValueKind.Number && double.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;

    private static string Text(JsonNode? n)
    {
        var s = n?.ToJsonString() ?? "null";
        return s.Length > 200 ? s[..200] + "..." : s;
    }
}
