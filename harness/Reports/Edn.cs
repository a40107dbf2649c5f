using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Glomers.Harness.Reports;

/// <summary>
/// Reads the EDN that real Maelstrom writes (results.edn) into JSON, so one table can show runs of
/// either engine: keywords lose their colon, sets and lists become arrays, tagged values keep only
/// their value, and anything unreadable becomes a string.
/// </summary>
public static class Edn
{
    /// <summary>Nesting deeper than this is refused rather than risking the stack.</summary>
    public const int MaxDepth = 256;

    /// <summary>The first value of <paramref name="text"/>. Throws <see cref="FormatException"/> when it is not EDN.</summary>
    public static JsonNode? Parse(string text)
    {
        var i = 0;
        var value = Read(text, ref i, 0);
        return value;
    }

    /// <summary>The one value <paramref name="text"/> holds: anything after it but blanks is a <see cref="FormatException"/>.</summary>
    public static JsonNode? ParseSingle(string text)
    {
        var i = 0;
        var value = Read(text, ref i, 0);
        Skip(text, ref i);
        if (i < text.Length) throw new FormatException($"unexpected '{text[i]}' after the value at column {i + 1}");
        return value;
    }

    private static JsonNode? Read(string s, ref int i, int depth)
    {
        Skip(s, ref i);
        if (i >= s.Length) throw new FormatException("unexpected end of EDN");
        if (depth > MaxDepth) throw new FormatException($"nested deeper than {MaxDepth} at column {i + 1}");
        var c = s[i];
        switch (c)
        {
            case '{': i++; return ReadMap(s, ref i, depth + 1);
            case '[': i++; return ReadSeq(s, ref i, ']', depth + 1);
            case '(': i++; return ReadSeq(s, ref i, ')', depth + 1);
            case '"': return ReadString(s, ref i);
            case '}' or ']' or ')': throw new FormatException($"unexpected '{c}' at column {i + 1}");
            case '#':
                i++;
                if (i < s.Length && s[i] == '{') { i++; return ReadSeq(s, ref i, '}', depth + 1); }
                if (i < s.Length && s[i] == '_') { i++; Read(s, ref i, depth + 1); return Read(s, ref i, depth); }
                ReadToken(s, ref i); // a tag such as #jepsen.history.Op: keep the value it tags
                return Read(s, ref i, depth + 1);
            case '\\':
                i++;
                return JsonValue.Create(ReadToken(s, ref i));
            default:
                return ReadAtom(s, ref i);
        }
    }

    private static JsonObject ReadMap(string s, ref int i, int depth)
    {
        var o = new JsonObject();
        while (true)
        {
            Skip(s, ref i);
            if (i >= s.Length) throw new FormatException("unterminated map");
            if (s[i] == '}') { i++; return o; }
            if (s[i] == ':')
            {
                // A keyword key, the usual case: its text without a JSON value in between.
                var start = ++i;
                i = TokenEnd(s, i);
                o[s[start..i]] = Read(s, ref i, depth);
                continue;
            }
            var key = Read(s, ref i, depth);
            var value = Read(s, ref i, depth);
            o[key switch { JsonValue v when v.TryGetValue(out string? k) => k, null => "nil", _ => key.ToJsonString() }] = value;
        }
    }

    private static JsonArray ReadSeq(string s, ref int i, char close, int depth)
    {
        var a = new JsonArray();
        while (true)
        {
            Skip(s, ref i);
            if (i >= s.Length) throw new FormatException($"unterminated collection, expected '{close}'");
            if (s[i] == close) { i++; return a; }
            a.Add(Read(s, ref i, depth));
        }
    }

    private static JsonValue ReadString(string s, ref int i)
    {
        var start = i;
        i++;
        // Most strings have no escapes: one copy, no builder.
        var stop = s.AsSpan(i).IndexOfAny('"', '\\');
        if (stop >= 0 && s[i + stop] == '"')
        {
            var text = s.Substring(i, stop);
            i += stop + 1;
            return JsonValue.Create(text);
        }
        var sb = new StringBuilder();
        while (i < s.Length && s[i] != '"')
        {
            if (s[i] == '\\' && i + 1 < s.Length)
            {
                i++;
                if (s[i] == 'u' && i + 4 < s.Length && int.TryParse(s.AsSpan(i + 1, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                {
                    sb.Append((char)code);
                    i += 4;
                }
                else sb.Append(s[i] switch { 'n' => '\n', 't' => '\t', 'r' => '\r', 'b' => '\b', 'f' => '\f', var e => e });
            }
            else sb.Append(s[i]);
            i++;
        }
        if (i >= s.Length) throw new FormatException($"unterminated string starting at column {start + 1}");
        i++;
        return JsonValue.Create(sb.ToString());
    }

    private static string ReadToken(string s, ref int i)
    {
        var start = i;
        i = TokenEnd(s, i);
        return s[start..i];
    }

    private static int TokenEnd(string s, int i)
    {
        while (i < s.Length && s[i] is not (' ' or ',' or '{' or '}' or '[' or ']' or '(' or ')' or '"') && !char.IsWhiteSpace(s[i])) i++;
        return i;
    }

    private static JsonNode? ReadAtom(string s, ref int i)
    {
        var start = i;
        i = TokenEnd(s, i);
        var token = s.AsSpan(start, i - start);
        // Integers and keywords, nearly every atom of a history, read without an intermediate string.
        if (token.Length > 0 && (char.IsAsciiDigit(token[0]) || (token.Length > 1 && token[0] == '-' && char.IsAsciiDigit(token[1])))
            && long.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
            return JsonValue.Create(n);
        if (token.Length > 1 && token[0] == ':') return JsonValue.Create(s.Substring(start + 1, i - start - 1));
        return Atom(token.ToString());
    }

    private static JsonNode? Atom(string token)
    {
        if (token is "nil") return null;
        if (token is "true") return JsonValue.Create(true);
        if (token is "false") return JsonValue.Create(false);
        if (token.StartsWith(':')) return JsonValue.Create(token[1..]);
        var number = token.TrimEnd('N', 'M');
        if (long.TryParse(number, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l)) return JsonValue.Create(l);
        if (double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return JsonValue.Create(d);
        if (token.Split('/') is [var n, var m] && double.TryParse(n, CultureInfo.InvariantCulture, out var dn) && double.TryParse(m, CultureInfo.InvariantCulture, out var dm) && dm != 0)
            return JsonValue.Create(dn / dm);
        return JsonValue.Create(token);
    }

    private static void Skip(string s, ref int i)
    {
        while (i < s.Length)
        {
            if (s[i] is ' ' or ',' || char.IsWhiteSpace(s[i])) i++;
            else if (s[i] == ';') { while (i < s.Length && s[i] != '\n') i++; }
            else break;
        }
    }
}
