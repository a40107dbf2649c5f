using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Glomers.Harness.Services;

/// <summary>
/// Renders a decoded JSON value the way Clojure prints it, for the texts of Maelstrom's error
/// replies: <c>pr-str</c> ("a" quoted, nil, [1 2], {"k" 1}, 1.0E20) and <c>str</c> (a bare
/// string, nil as nothing).
/// </summary>
public static class ClojurePrinter
{
    /// <summary>Clojure <c>pr-str</c> of the value cheshire decodes from this JSON.</summary>
    public static string PrStr(JsonNode? value)
    {
        var builder = new StringBuilder();
        AppendReadable(builder, value);
        return builder.ToString();
    }

    /// <summary>Clojure <c>str</c>: like pr-str for collections, but strings bare, nil empty, and numbers by Java's toString.</summary>
    public static string Str(JsonNode? value)
    {
        if (value is not JsonValue scalar) return value is null ? "" : PrStr(value);
        switch (scalar.GetValueKind())
        {
            case JsonValueKind.String:
                return scalar.GetValue<string>();
            case JsonValueKind.Null:
                return "";
            case JsonValueKind.Number:
                var token = ClojureJson.NumberToken(scalar);
                return ClojureJson.KindOf(token) == ClojureJson.NumberKind.Integer
                    ? ClojureJson.IntegerValue(token).ToString(CultureInfo.InvariantCulture)
                    : JavaDouble(ClojureJson.DoubleValue(token));
            default:
                return PrStr(value);
        }
    }

    /// <summary>Java's Double.toString: plain between 10^-3 and 10^7, otherwise d.dddE±n.</summary>
    public static string JavaDouble(double value)
    {
        if (double.IsPositiveInfinity(value)) return "Infinity";
        if (double.IsNegativeInfinity(value)) return "-Infinity";
        if (double.IsNaN(value)) return "NaN";
        var sign = value < 0 || (value == 0 && double.IsNegative(value)) ? "-" : "";
        if (value == 0) return sign + "0.0";

        // Shortest round-trip digits and the decimal exponent of the first one.
        var text = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        var exponentAt = text.IndexOfAny(['E', 'e']);
        var mantissa = exponentAt < 0 ? text : text[..exponentAt];
        var exponent = exponentAt < 0 ? 0 : int.Parse(text[(exponentAt + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var point = mantissa.IndexOf('.');
        var digits = mantissa.Replace(".", "", StringComparison.Ordinal);
        var integerDigits = point < 0 ? mantissa.Length : point;
        var leadingZeros = digits.Length - digits.TrimStart('0').Length;
        digits = digits.Trim('0');
        var e = integerDigits - leadingZeros - 1 + exponent;

        if (e is >= -3 and < 7)
        {
            if (e < 0) return sign + "0." + new string('0', -e - 1) + digits;
            var whole = digits.Length > e + 1 ? digits[..(e + 1)] : digits.PadRight(e + 1, '0');
            var fraction = digits.Length > e + 1 ? digits[(e + 1)..] : "0";
            return sign + whole + "." + fraction;
        }
        var tail = digits.Length > 1 ? digits[1..] : "0";
        return sign + digits[0] + "." + tail + "E" + e.ToString(CultureInfo.InvariantCulture);
    }

    private static void AppendReadable(StringBuilder builder, JsonNode? value)
    {
        switch (value)
        {
            case null:
                builder.Append("nil");
                break;
            case JsonArray items:
                builder.Append('[');
                for (var i = 0; i < items.Count; i++)
                {
                    if (i > 0) builder.Append(' ');
                    AppendReadable(builder, items[i]);
                }
                builder.Append(']');
                break;
            case JsonObject map:
                builder.Append('{');
                var first = true;
                foreach (var (key, item) in map)
                {
                    if (!first) builder.Append(", ");
                    first = false;
                    AppendString(builder, key);
                    builder.Append(' ');
                    AppendReadable(builder, item);
                }
                builder.Append('}');
                break;
            case JsonValue scalar:
                AppendScalar(builder, scalar);
                break;
        }
    }

    private static void AppendScalar(StringBuilder builder, JsonValue scalar)
    {
        switch (scalar.GetValueKind())
        {
            case JsonValueKind.String:
                AppendString(builder, scalar.GetValue<string>());
                break;
            case JsonValueKind.Number:
                var token = ClojureJson.NumberToken(scalar);
                if (ClojureJson.KindOf(token) == ClojureJson.NumberKind.Integer)
                {
                    var integer = ClojureJson.IntegerValue(token);
                    builder.Append(integer.ToString(CultureInfo.InvariantCulture));
                    // Jackson hands over a java.math.BigInteger beyond the long range, which Clojure prints with a suffix.
                    if (integer < long.MinValue || integer > long.MaxValue) builder.Append("BIGINT");
                }
                else
                {
                    var d = ClojureJson.DoubleValue(token);
                    builder.Append(double.IsInfinity(d) ? (d > 0 ? "##Inf" : "##-Inf") : JavaDouble(d));
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

    private static void AppendString(StringBuilder builder, string text)
    {
        builder.Append('"');
        foreach (var c in text)
        {
            var escape = c switch
            {
                '\n' => "\\n",
                '\t' => "\\t",
                '\r' => "\\r",
                '"' => "\\\"",
                '\\' => "\\\\",
                '\f' => "\\f",
                '\b' => "\\b",
                _ => null,
            };
            if (escape is null) builder.Append(c);
            else builder.Append(escape);
        }
        builder.Append('"');
    }
}
