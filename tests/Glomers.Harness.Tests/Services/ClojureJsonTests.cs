using System.Text.Json.Nodes;
using Glomers.Harness.Services;

namespace Glomers.Harness.Tests.Services;

public class ClojureJsonTests
{
    [Theory]
    [InlineData("1", "1", true)]
    [InlineData("1", "1.0", false)]
    [InlineData("1.0", "1.00", true)]
    [InlineData("100.0", "1e2", true)]
    [InlineData("0.0", "-0.0", true)]
    [InlineData("-0", "0", true)]
    [InlineData("12345678901234567890", "12345678901234567890", true)]
    [InlineData("\"1\"", "1", false)]
    [InlineData("null", "false", false)]
    [InlineData("true", "true", true)]
    [InlineData("[1,[2]]", "[1,[2]]", true)]
    [InlineData("[1,2]", "[2,1]", false)]
    [InlineData("{\"a\":1,\"b\":[2]}", "{\"b\":[2],\"a\":1}", true)]
    [InlineData("{\"a\":1}", "{\"a\":1,\"b\":null}", false)]
    public void EqualityFollowsClojureOnDecodedJson(string a, string b, bool equal)
    {
        Assert.Equal(equal, ClojureJson.Equal(JsonNode.Parse(a), JsonNode.Parse(b)));
        Assert.Equal(equal, ClojureJson.KeyOf(JsonNode.Parse(a)) == ClojureJson.KeyOf(JsonNode.Parse(b)));
    }

    [Fact]
    public void MissingValueIsNil()
    {
        Assert.True(ClojureJson.Equal(null, JsonNode.Parse("null")));
        Assert.Equal(ClojureJson.KeyOf(null), ClojureJson.KeyOf(JsonNode.Parse("null")));
    }

    [Fact]
    public void StringKeysDoNotCollideWithOtherForms()
    {
        string[] values = ["\"nil\"", "null", "\"[1]\"", "[1]", "[\"1\"]", "\"i1\"", "1", "\"d1.0\"", "1.0"];
        var keys = values.Select(v => ClojureJson.KeyOf(JsonNode.Parse(v))).ToList();
        Assert.Equal(values.Length, keys.Distinct().Count());
    }
}
