using System.Text.Json.Nodes;
using Glomers.Harness.Services;

namespace Glomers.Harness.Tests.Services;

public class ClojurePrinterTests
{
    [Theory]
    [InlineData(1.0, "1.0")]
    [InlineData(100.0, "100.0")]
    [InlineData(123.456, "123.456")]
    [InlineData(1234567.0, "1234567.0")]
    [InlineData(1e7, "1.0E7")]
    [InlineData(1.2345678e10, "1.2345678E10")]
    [InlineData(1e20, "1.0E20")]
    [InlineData(0.001, "0.001")]
    [InlineData(0.0001, "1.0E-4")]
    [InlineData(1.5e-5, "1.5E-5")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(-0.0, "-0.0")]
    [InlineData(0.0, "0.0")]
    public void DoublesPrintAsJavaDoes(double value, string expected) =>
        Assert.Equal(expected, ClojurePrinter.JavaDouble(value));

    [Theory]
    [InlineData("null", "nil")]
    [InlineData("\"a\\\"b\\n\"", "\"a\\\"b\\n\"")]
    [InlineData("[1, \"x\", [true, null]]", "[1 \"x\" [true nil]]")]
    [InlineData("{\"a\": 1, \"b\": [2]}", "{\"a\" 1, \"b\" [2]}")]
    [InlineData("2.50", "2.5")]
    [InlineData("1e400", "##Inf")]
    [InlineData("12345678901234567890", "12345678901234567890BIGINT")]
    [InlineData("-9223372036854775808", "-9223372036854775808")]
    public void PrStrPrintsDecodedValuesReadably(string json, string expected) =>
        Assert.Equal(expected, ClojurePrinter.PrStr(JsonNode.Parse(json)));

    [Theory]
    [InlineData("null", "")]
    [InlineData("\"a b\"", "a b")]
    [InlineData("1e20", "1.0E20")]
    [InlineData("12345678901234567890", "12345678901234567890")]
    [InlineData("[\"a\"]", "[\"a\"]")]
    [InlineData("false", "false")]
    public void StrPrintsStringsBareAndNilAsNothing(string json, string expected) =>
        Assert.Equal(expected, ClojurePrinter.Str(JsonNode.Parse(json)));
}
