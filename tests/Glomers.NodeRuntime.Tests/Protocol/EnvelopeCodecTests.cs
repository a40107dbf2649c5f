using System.Text;
using CsCheck;
using Glomers.NodeRuntime.Protocol;
using Glomers.Tests.Shared;

namespace Glomers.NodeRuntime.Tests.Protocol;

/// <summary>The header check and the full parse: the same verdict and the same fields on every line.</summary>
public class EnvelopeCodecTests
{
    private static readonly EnvelopeSchema[] Schemas = [EnvelopeSchema.Open, EnvelopeSchema.Closed];

    /// <summary>Both readers on one line; on acceptance the fields must match and the body must write back to the same header.</summary>
    private static void AssertAgree(bool headerOk, EnvelopeHeader header, string headerError,
        bool fullOk, string src, string dest, System.Text.Json.Nodes.JsonObject body, long? id, string fullError)
    {
        Assert.True(headerOk == fullOk, $"header check {(headerOk ? "accepts" : $"refuses ({headerError})")}, full parse {(fullOk ? "accepts" : $"refuses ({fullError})")}");
        if (!fullOk)
        {
            Assert.NotEmpty(headerError);
            Assert.NotEmpty(fullError);
            return;
        }
        Assert.Equal((src, dest, (string)body["type"]!, id), (header.Src, header.Dest, header.Type, header.Id));
        var written = EnvelopeCodec.Write(src, dest, body, id: id);
        Assert.True(EnvelopeCodec.TryReadHeader(written, EnvelopeSchema.Closed, out var again, out var error), error);
        Assert.Equal(header, again);
    }

    [Fact]
    public void HeaderCheckAndFullParseAgreeOnEveryLineTheGeneratorMakes() =>
        EnvelopeLines.Line.Sample(line =>
        {
            foreach (var schema in Schemas)
            {
                var headerOk = EnvelopeCodec.TryReadHeader(line, schema, out var header, out var headerError);
                var fullOk = EnvelopeCodec.TryParse(line, schema, out var src, out var dest, out var body, out var id, out var fullError);
                AssertAgree(headerOk, header, headerError, fullOk, src, dest, body, id, fullError);
            }
        }, iter: 20_000, print: EnvelopeLines.Print);

    [Fact]
    public void HeaderCheckAndFullParseAgreeOnEveryLineAsText() =>
        EnvelopeLines.Text.Sample(line =>
        {
            foreach (var schema in Schemas)
            {
                var headerOk = EnvelopeCodec.TryReadHeader(line, schema, out var header, out var headerError);
                var fullOk = EnvelopeCodec.TryParse(line, schema, out var src, out var dest, out var body, out var id, out var fullError);
                AssertAgree(headerOk, header, headerError, fullOk, src, dest, body, id, fullError);
            }
        }, iter: 10_000);

    /// <summary>The agreement means something only if the generator reaches every rule; one fixed seed, counted.</summary>
    [Fact]
    public void GeneratorReachesEveryRule()
    {
        var counts = new Dictionary<string, int>();
        EnvelopeLines.Line.Sample(line =>
        {
            var ok = EnvelopeCodec.TryReadHeader(line, EnvelopeSchema.Closed, out _, out var error);
            var kind = ok ? (Encoding.UTF8.GetString(line).Contains("1e400") ? "accepted with a huge number" : "accepted")
                : error.Contains("appears twice") ? "repeated key"
                : error.Contains("maximum configured depth") ? "too deep"
                : error.Contains("not valid UTF-8") ? "invalid text"
                : error.Contains("unexpected top-level key") ? "extra key"
                : error.StartsWith("missing") || error.StartsWith("body lacks") ? "missing field"
                : error.StartsWith("not JSON") ? "not JSON"
                : "other";
            lock (counts) counts[kind] = counts.GetValueOrDefault(kind) + 1;
        }, iter: 5_000, seed: "0N0XIzNsQ0O2", threads: 1);

        string[] kinds = ["accepted", "accepted with a huge number", "repeated key", "too deep", "invalid text", "extra key", "missing field", "not JSON"];
        Assert.All(kinds, k => Assert.True(counts.GetValueOrDefault(k) >= 50, $"{k}: {counts.GetValueOrDefault(k)} of 5000 ({string.Join(", ", counts.Select(c => $"{c.Key} {c.Value}"))})"));
    }

    [Theory]
    [InlineData("""{"src":"c1","dest":"n1","body":{"type":"echo","echo":{"a":1,"b":{"c":2,"c":3}}}}""", "appears twice")]
    [InlineData("""{"src":"c1","dest":"n1","body":{"type":"echo","\u0074ype":"echo"}}""", "appears twice")]
    [InlineData("""{"src":"c1","dest":"n1","body":{"type":"echo","echo":"\ud800"}}""", "not valid UTF-8")]
    [InlineData("""{"src":"c1","dest":"n1","body":{"type":"echo"},"body":{"type":"echo"}}""", "appears twice")]
    [InlineData("""{"src":"c1","dest":"n1","body":{"type":"echo"}} {}""", "not JSON")]
    [InlineData("""{"src":"c1","dest":"n1","body":{"type":"echo","n":01}}""", "not JSON")]
    [InlineData("", "not JSON")]
    public void BothReadersRefuse(string line, string reason)
    {
        foreach (var schema in Schemas)
        {
            Assert.False(EnvelopeCodec.TryReadHeader(line, schema, out _, out var headerError));
            Assert.False(EnvelopeCodec.TryParse(line, schema, out _, out _, out _, out _, out var fullError));
            Assert.Contains(reason, headerError);
            Assert.StartsWith(reason == "appears twice" || reason == "not valid UTF-8" ? "not JSON" : reason, fullError);
        }
    }

    [Fact]
    public void InvalidUtf8InAStringIsRefusedByBoth()
    {
        byte[] line = [.. """{"src":"c1","dest":"n1","body":{"type":"echo","echo":"a"""u8, 0xC0, 0xAF, .. "\"}}"u8];

        Assert.False(EnvelopeCodec.TryReadHeader(line, EnvelopeSchema.Open, out _, out var headerError));
        Assert.False(EnvelopeCodec.TryParse(line, EnvelopeSchema.Open, out _, out _, out _, out _, out var fullError));
        Assert.Equal("not JSON: a string is not valid UTF-8 or has an unpaired surrogate", headerError);
        Assert.Equal(headerError, fullError);
    }

    [Theory]
    [InlineData(EnvelopeCodec.MaxDepth, true)]
    [InlineData(EnvelopeCodec.MaxDepth + 1, false)]
    public void NestingStopsAtTheLimit(int depth, bool accepted)
    {
        // The envelope and the body are the first two levels.
        var line = """{"src":"c1","dest":"n1","body":{"type":"echo","echo":""" + new string('[', depth - 2) + new string(']', depth - 2) + "}}";

        Assert.Equal(accepted, EnvelopeCodec.TryReadHeader(line, EnvelopeSchema.Open, out _, out _));
        Assert.Equal(accepted, EnvelopeCodec.TryParse(line, EnvelopeSchema.Open, out _, out _, out _, out _, out _));
    }

    [Fact]
    public void HugeNumbersPassThroughUntouched()
    {
        const string line = """{"src":"c1","dest":"n1","body":{"type":"echo","echo":[1e400,123456789012345678901234567890,-0]}}""";

        Assert.True(EnvelopeCodec.TryReadHeader(line, EnvelopeSchema.Closed, out var header, out var error), error);
        Assert.True(EnvelopeCodec.TryParse(line, EnvelopeSchema.Closed, out var src, out var dest, out var body, out _, out error), error);

        Assert.Equal(new EnvelopeHeader("c1", "n1", "echo", null), header);
        Assert.Equal(line, EnvelopeCodec.Write(src, dest, body));
    }

    [Theory]
    [InlineData("""{"src":"c1","dest":"n1","body":{"type":"x"},"extra":1}""", true, false)]
    [InlineData("""{"id":7,"src":"c1","dest":"n1","body":{"type":"x"}}""", true, true)]
    [InlineData("""{"id":"7","src":"c1","dest":"n1","body":{"type":"x"}}""", true, false)]
    [InlineData("""{"id":1.5,"src":"c1","dest":"n1","body":{"type":"x"}}""", true, false)]
    public void ClosedSchemaTakesOnlyAnIntegerId(string line, bool open, bool closed)
    {
        Assert.Equal(open, EnvelopeCodec.TryReadHeader(line, EnvelopeSchema.Open, out _, out _));
        Assert.Equal(closed, EnvelopeCodec.TryReadHeader(line, EnvelopeSchema.Closed, out _, out var error));
        Assert.Equal(closed, EnvelopeCodec.TryParse(line, EnvelopeSchema.Closed, out _, out _, out _, out _, out var fullError));
        Assert.Equal(error, fullError);
    }

    [Fact]
    public void WriterPutsTheNetworkIdFirst()
    {
        var body = new System.Text.Json.Nodes.JsonObject { ["type"] = "echo_ok", ["in_reply_to"] = 1 };

        Assert.Equal("""{"id":4,"src":"n0","dest":"c0","body":{"type":"echo_ok","in_reply_to":1}}""", EnvelopeCodec.Write("n0", "c0", body, id: 4));
    }
}
