using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Glomers.Harness.Checkers;

/// <summary>
/// Identity and order for the JSON values nodes return (ids, set elements). Two values are the
/// same when their <see cref="Key"/>s match: object key order does not matter, number spelling does
/// (1 and 1.0 differ, as Long and Double do in Clojure). The order follows Clojure's compare within
/// a kind (numbers by value, strings ordinally, arrays by length then items) and ranks kinds
/// null &lt; boolean &lt; number &lt; string &lt; array &lt; object so that mixed values still sort.
/// </summary>
public sealed class JsonValueOrder : IComparer<JsonNode?>
{
    public static readonly JsonValueOrder Instance = new();

    public static string Key(JsonNode? node)
    {
        if (node is null) return "null";
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.Number) return v.ToJsonString();
        var sb = new StringBuilder();
        Append(sb, node);
        return sb.ToString();
    }

    private static void Append(StringBuilder sb, JsonNode? node)
    {
        switch (node)
        {
            case null:
                sb.Append("null");
                break;
            case JsonArray a:
                sb.Append('[');
                for (var i = 0; i < a.Count; i++)
                {
                    if (i > 0) sb.Append(',');
                    Append(sb, a[i]);
                }
                sb.Append(']');
                break;
            case JsonObject o:
                sb.Append('{');
                var first = true;
                foreach (var (k, child) in o.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    if (!first) sb.Append(',');
                    first = false;
                    sb.Append(JsonSerializer.Serialize(k)).Append(':');
                    Append(sb, child);
                }
                sb.Append('}');
                break;
            default:
                sb.Append(node.ToJsonString());
                break;
        }
    }

    public int Compare(JsonNode? x, JsonNode? y)
    {
        var rank = Rank(x).CompareTo(Rank(y));
        if (rank != 0) return rank;
        switch (x)
        {
            case null:
                return 0;
            case JsonArray xa:
                var ya = (JsonArray)y!;
                if (xa.Count != ya.Count) return xa.Count.CompareTo(ya.Count);
                for (var i = 0; i < xa.Count; i++)
                {
                    var c = Compare(xa[i], ya[i]);
                    if (c != 0) return c;
                }
                return 0;
            case JsonObject:
                return string.CompareOrdinal(Key(x), Key(y));
        }
        var xv = (JsonValue)x;
        var yv = (JsonValue)y!;
        return xv.GetValueKind() switch
        {
            JsonValueKind.Number => CompareNumbers(xv, yv),
            JsonValueKind.String => string.CompareOrdinal(xv.GetValue<string>(), yv.GetValue<string>()),
            _ => (xv.GetValueKind() == JsonValueKind.True).CompareTo(yv.GetValueKind() == JsonValueKind.True),
        };
    }

    private static int CompareNumbers(JsonValue x, JsonValue y)
    {
        if (x.TryGetValue<long>(out var xl) && y.TryGetValue<long>(out var yl)) return xl.CompareTo(yl);
        if (TryDecimal(x, out var xd) && TryDecimal(y, out var yd)) return xd.CompareTo(yd);
        return ToDouble(x).CompareTo(ToDouble(y));
    }

    private static bool TryDecimal(JsonValue v, out decimal d) =>
        decimal.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out d);

    private static double ToDouble(JsonValue v) =>
        double.Parse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    private static int Rank(JsonNode? node) => node switch
    {
        null => 0,
        JsonArray => 4,
        JsonObject => 5,
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.True or JsonValueKind.False => 1,
            JsonValueKind.Number => 2,
            JsonValueKind.String => 3,
            _ => 0,
        },
        _ => 0,
    };
}
