using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Glomers.Harness.Services;

/// <summary>
/// A JSON value as Maelstrom sees it after decoding it into Clojure data (cheshire): integers
/// become Long or BigInteger, numbers with a fraction or exponent become Double, and equality is
/// Clojure's <c>=</c>. So 1 and 1.0 differ, 1.0 and 1.00 are equal, and a missing field is nil,
/// the same as JSON null.
/// </summary>
public static class ClojureJson
{
    /// <summary>How Maelstrom decodes one JSON number token.</summary>
    public enum NumberKind { Integer, Double }

    /// <summary>Clojure <c>=</c> on the decoded values.</summary>
    public static bool Equal(JsonNode? a, JsonNode? b)
    {
        if (ReferenceEquals(a, b)) return true;
        if (a is null || b is null) return false;
        switch (a)
        {
            case JsonArray xs when b is JsonArray ys:
                if (xs.Count != ys.Count) return false;
                for (var i = 0; i < xs.Count; i++)
                    if (!Equal(xs[i], ys[i])) return false;
                return true;
            case JsonObject xm when b is JsonObject ym:
                if (xm.Count != ym.Count) return false;
                foreach (var (key, value) in xm)
                    if (!ym.TryGetPropertyValue(key, out var other) || !Equal(value, other)) return false;
                return true;
            case JsonValue x when b is JsonValue y:
                return ScalarEqual(x, y);
            default:
                return false;
        }
    }

    /// <summary>
    /// A string that two values share exactly when they are Clojure-equal, used as a map key so
    /// that keys 1 and 1.0 stay distinct while "a" and "a" meet.
    /// </summary>
    public static string KeyOf(JsonNode? value)
    {
        // Fast path for the common case; no other form starts with a quote.
        if (value is JsonValue v && v.GetValueKind() == JsonValueKind.String) return "\"" + v.GetValue<string>();
        var builder = new StringBuilder();
        AppendCanonical(builder, value);
        return builder.ToString();
    }

    /// <summary>Clojure truthiness: everything but nil and false.</summary>
    public static bool IsTruthy(JsonNode? value) =>
        value is not null && value.GetValueKind() is not (JsonValueKind.Null or JsonValueKind.False);

    /// <summary>Integer tokens have no fraction and no exponent; Jackson reads the rest as Double.</summary>
    public static NumberKind KindOf(string numberToken) =>
        numberToken.AsSpan().IndexOfAny('.', 'e', 'E') >= 0 ? NumberKind.Double : NumberKind.Integer;

    internal static string NumberToken(JsonValue value) => value.ToJsonString();

    internal static BigInteger IntegerValue(string token) => BigInteger.Parse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    // Overflow gives an infinity, as Java's Double.parseDouble does.
    internal static double DoubleValue(string token) => double.Parse(token, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static bool ScalarEqual(JsonValue x, JsonValue y)
    {
        var kind = x.GetValueKind();
        var otherKind = y.GetValueKind();
        if (kind is JsonValueKind.True or JsonValueKind.False) return kind == otherKind;
        if (kind != otherKind) return false;
        switch (kind)
        {
            case JsonValueKind.String:
                return string.Equals(x.GetValue<string>(), y.GetValue<string>(), StringComparison.Ordinal);
            case JsonValueKind.Number:
                // Integer tokens within the long range, the usual case, need no text.
                if (x.TryGetValue<long>(out var left) && y.TryGetValue<long>(out var right)) return left == right;
                var a = NumberToken(x);
                var b = NumberToken(y);
                if (a == b) return true;
                var numberKind = KindOf(a);
                if (numberKind != KindOf(b)) return false;
                // Numbers.equiv on doubles is ==, so 0.0 equals -0.0.
                return numberKind == NumberKind.Integer
                    ? IntegerValue(a) == IntegerValue(b)
                    : DoubleValue(a) == DoubleValue(b);
            default:
                return true; // both null
        }
    }

    private static void AppendCanonical(StringBuilder builder, JsonNode? value)
    {
        switch (value)
        {
            case null:
                builder.Append("nil");
                break;
            case JsonArray items:
                builder.Append('[');
                foreach (var item in items)
                {
                    AppendCanonical(builder, item);
                    builder.Append(',');
                }
                builder.Append(']');
                break;
            case JsonObject map:
                // Clojure maps are unordered, so the canonical form sorts the keys.
                builder.Append('{');
                foreach (var (key, item) in map.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    builder.Append(Quoted(key)).Append(':');
                    AppendCanonical(builder, item);
                    builder.Append(',');
                }
                builder.Append('}');
                break;
            case JsonValue scalar:
                AppendScalar(builder, scalar);
                break;
        }
    }

    private static string Quoted(string text) => "\"" + JsonEncodedText.Encode(text).ToString() + "\"";

    private static void AppendScalar(StringBuilder builder, JsonValue scalar)
    {
        switch (scalar.GetValueKind())
        {
            case JsonValueKind.String:
                builder.Append(Quoted(scalar.GetValue<string>()));
                break;
            case JsonValueKind.Number:
                if (scalar.TryGetValue<long>(out var integral))
                {
                    builder.Append('i').Append(integral);
                    break;
                }
                var token = NumberToken(scalar);
                if (KindOf(token) == NumberKind.Integer)
                {
                    builder.Append('i').Append(IntegerValue(token).ToString(CultureInfo.InvariantCulture));
                }
                else
                {
                    var d = DoubleValue(token);
                    if (d == 0) d = 0; // -0.0 is = to 0.0
                    builder.Append('d').Append(d.ToString("R", CultureInfo.InvariantCulture));
                }
                break;
            case JsonValueKind.True:
                builder.Append("true");
                break;
            case JsonValueKind.False:
                builder.Append("false");
                break;
            default:
                builder.Append("nil");
                break;
        }
    }
}
