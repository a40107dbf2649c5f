using System.Text;
using CsCheck;

namespace Glomers.Tests.Shared;

/// <summary>
/// Lines a node could print, as UTF-8 bytes: envelopes right and wrong (fields missing, mistyped,
/// repeated or extra; an id or none), bodies with any JSON in them, nested past the codec's depth
/// limit, numbers too large for any integer, escapes, unpaired surrogates, invalid UTF-8, and
/// lines that break off or go on after the object.
/// </summary>
internal static class EnvelopeLines
{
    private static readonly string[] Ids = ["n0", "n1", "c0", "n7", "", "seq-kv", "n\u00e9"];
    private static readonly string[] Keys = ["type", "msg_id", "in_reply_to", "a", "b", "src", "body", "id", "k\u00fc", "\\u0061", "\\u0074ype"];
    private static readonly string[] Types = ["echo", "echo_ok", "read", "gossip", "t\\u0079pe", ""];

    // Bytes that are not UTF-8: a stray continuation, an overlong form, a surrogate, a cut-off sequence, bytes never used.
    private static readonly byte[][] InvalidUtf8 = [[0x80], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xE2, 0x82], [0xFF], [0xF8, 0x88, 0x80, 0x80, 0x80]];

    private static Gen<T> Weighted<T>(params (int Weight, Gen<T> Gen)[] choices) =>
        Gen.Frequency([.. choices.Select(c => (c.Weight, (IGen<T>)c.Gen))]);

    private static Gen<T> Any<T>(params Gen<T>[] choices) => Gen.OneOf([.. choices.Cast<IGen<T>>()]);

    private static Gen<byte[]> Quoted(Gen<string> s) => s.Select(t => Encoding.UTF8.GetBytes("\"" + t + "\""));

    private static byte[] Join(params byte[][] parts) => [.. parts.SelectMany(p => p)];

    /// <summary>A JSON string's text, now and then with bytes that are not UTF-8 inside the quotes.</summary>
    private static readonly Gen<byte[]> StringToken = Weighted(
        (30, Quoted(Any(Gen.OneOf("", "x", "hello", "\\\"", "\\\\", "\\n", "\\u00e9", "\u65e5\u672c", "\\ud83d\\ude00"), Gen.String[Gen.Char["abc\u00e9\\\"/ "], 0, 6]))),
        // An escaped unpaired surrogate: valid JSON, no valid string.
        (1, Quoted(Gen.OneOf("\\ud800", "\\udc00x"))),
        (1, Gen.Int[0, InvalidUtf8.Length - 1].Select(i => Join("\"a"u8.ToArray(), InvalidUtf8[i], "b\""u8.ToArray()))));

    private static readonly Gen<byte[]> NumberToken = Weighted(
        (20, Gen.Long.Select(n => Encoding.UTF8.GetBytes(n.ToString(System.Globalization.CultureInfo.InvariantCulture)))),
        (20, Gen.OneOf("0", "-0", "1.5", "-2e3", "1e400", "123456789012345678901234567890", "-99999999999999999999999", "9223372036854775808", "1E-400").Select(Encoding.UTF8.GetBytes)),
        // Not numbers at all.
        (1, Gen.OneOf("01", "1.", ".5", "+1", "0x10", "NaN", "Infinity").Select(Encoding.UTF8.GetBytes)));

    private static readonly Gen<byte[]> Scalar = Weighted(
        (40, StringToken),
        (40, NumberToken),
        (20, Gen.OneOf("true", "false", "null").Select(Encoding.UTF8.GetBytes)),
        (1, Gen.OneOf("tru", "nul", "'x'", "", "undefined", "\"open").Select(Encoding.UTF8.GetBytes)));

    // Mostly names of their own; from a small pool (so sometimes twice in one object) now and then.
    private static Gen<byte[]> Key => Weighted(
        (1, Gen.OneOf(Keys).Select(k => Encoding.UTF8.GetBytes("\"" + k + "\""))),
        (6, Gen.String[Gen.Char['a', 'z'], 1, 8].Select(k => Encoding.UTF8.GetBytes("\"" + k + "\""))),
        (1, StringToken));

    /// <summary>Any JSON-ish value: scalars, arrays and objects (keys from a small pool, so they repeat), sometimes buried deep.</summary>
    private static readonly Gen<byte[]> Value = Gen.Recursive<byte[]>((depth, self) =>
    {
        if (depth >= 3) return Scalar;
        var array = self.Array[0, 4].Select(items => Join([.. Separated("["u8.ToArray(), items, "]"u8.ToArray())]));
        var obj = Gen.Select(Key, self).Array[0, 4].Select(Members);
        // Around the codec's limit of 256 levels: one side passes, the other does not.
        var deep = Gen.Select(Gen.Int[250, 262], self).Select((n, inner) => Join(Repeat((byte)'[', n), inner, Repeat((byte)']', n)));
        return Weighted((30, Scalar), (10, array), (10, obj), (2, deep));
    });

    private static byte[] Repeat(byte b, int n) => Enumerable.Repeat(b, n).ToArray();

    private static IEnumerable<byte[]> Separated(byte[] open, byte[][] items, byte[] close)
    {
        yield return open;
        for (var i = 0; i < items.Length; i++)
        {
            if (i > 0) yield return ","u8.ToArray();
            yield return items[i];
        }
        yield return close;
    }

    private static byte[] Members((byte[] Key, byte[] Value)[] members) =>
        Join([.. Separated("{"u8.ToArray(), [.. members.Select(m => Join(m.Key, ":"u8.ToArray(), m.Value))], "}"u8.ToArray())]);

    private static readonly Gen<byte[]> Address = Weighted(
        (30, Gen.OneOf(Ids).Select(id => Encoding.UTF8.GetBytes("\"" + id + "\""))),
        (1, StringToken),
        (1, Scalar));

    /// <summary>A body: mostly an object with a type, sometimes without, mistyped, repeated, or not an object.</summary>
    private static readonly Gen<byte[]> Body = Weighted(
        (8, Gen.Select(
            Weighted((20, Gen.OneOf(Types).Select(t => Encoding.UTF8.GetBytes("\"" + t + "\""))), (1, Scalar)).Null(0.03),
            Gen.Select(Key, Value).Array[0, 4],
            Gen.Int[0, 4], Gen.Int[0, 19].Select(n => n == 0))
            .Select((type, rest, at, twice) =>
            {
                var members = rest.ToList();
                if (type is not null)
                {
                    var position = Math.Min(at, members.Count);
                    members.Insert(position, ("\"type\""u8.ToArray(), type));
                    if (twice) members.Add(("\"type\""u8.ToArray(), type));
                }
                return Members([.. members]);
            })),
        (1, Value));

    private static readonly Gen<byte[]> IdValue = Weighted((6, Gen.Long[0, 1_000_000].Select(n => Encoding.UTF8.GetBytes(n.ToString(System.Globalization.CultureInfo.InvariantCulture)))), (1, Scalar));

    /// <summary>The top-level object: each field present or not, in any order, some twice, some extra.</summary>
    private static readonly Gen<byte[]> Envelope =
        Gen.Select(
            Gen.Select(Address.Null(0.02), Address.Null(0.02), Body.Null(0.02), IdValue.Null(0.8)),
            Gen.Select(Key, Value).Array[1, 2].Null(0.95),
            Gen.Int.Select(i => (uint)i),
            Gen.Int[0, 40])
        .Select((fields, extra, order, repeat) =>
        {
            var (src, dest, body, id) = fields;
            var members = new List<(byte[], byte[])>();
            if (src is not null) members.Add(("\"src\""u8.ToArray(), src));
            if (dest is not null) members.Add(("\"dest\""u8.ToArray(), dest));
            if (body is not null) members.Add(("\"body\""u8.ToArray(), body));
            if (id is not null) members.Add(("\"id\""u8.ToArray(), id));
            if (extra is not null) members.AddRange(extra);
            // Mostly the usual order; otherwise a rotation.
            if (members.Count > 1 && order % 4 == 0)
            {
                var k = (int)(order / 4 % (uint)members.Count);
                members = [.. members.Skip(k), .. members.Take(k)];
            }
            if (repeat < members.Count) members.Add(members[repeat]);
            return Members([.. members]);
        });

    /// <summary>A whole line: mostly an envelope, sometimes cut short, followed by more, or no object at all.</summary>
    public static readonly Gen<byte[]> Line = Weighted(
        (24, Envelope),
        (1, Gen.Select(Envelope, Gen.Int[0, 100]).Select((e, cut) => e[..(e.Length * cut / 100)])),
        (1, Gen.Select(Envelope, Gen.OneOf(" ", "\t", " x", "{}", ",", "\r")).Select((e, tail) => Join(e, Encoding.UTF8.GetBytes(tail)))),
        (1, Value));

    /// <summary>The same lines as .NET strings: as a UTF-8 reader decodes them, now and then with an unpaired surrogate put in.</summary>
    public static readonly Gen<string> Text = Gen.Select(Line, Gen.Int[0, 20], Gen.OneOf('\ud800', '\udfff'))
        .Select((bytes, at, surrogate) =>
        {
            var text = Encoding.UTF8.GetString(bytes);
            return at == 0 && text.Length > 2 ? text.Insert(text.Length / 2, surrogate.ToString()) : text;
        });

    /// <summary>How a failing line is printed: as text where it is UTF-8, with the bytes in hex in any case.</summary>
    public static string Print(byte[] line) => $"{Encoding.UTF8.GetString(line)} [{Convert.ToHexString(line)}]";
}
