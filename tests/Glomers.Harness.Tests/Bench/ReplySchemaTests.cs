using System.Text.Json.Nodes;
using Glomers.Harness.Workloads;
using Glomers.Harness.Workloads.Echo;

namespace Glomers.Harness.Tests.Bench;

/// <summary>Maelstrom's reply schemas are closed maps.</summary>
public sealed class ReplySchemaTests
{
    private static void CheckRead(string json) => ReplySchema.Check(JsonNode.Parse(json)!.AsObject(), "read_ok",
        ("messages", ReplySchema.IsArray, "an array"));

    [Theory]
    [InlineData("""{"type":"read_ok","in_reply_to":3,"messages":[]}""")]
    [InlineData("""{"type":"read_ok","in_reply_to":3,"msg_id":9,"messages":[1,2]}""")]
    public void ExactKeysPass(string json) => CheckRead(json);

    [Theory]
    [InlineData("""{"type":"read_ok","in_reply_to":3,"messages":[],"extra":1}""", "disallowed key \"extra\"")]
    [InlineData("""{"type":"read_ok","in_reply_to":3}""", "missing required key \"messages\"")]
    [InlineData("""{"type":"read_ok","in_reply_to":3,"messages":{}}""", "\"messages\" must be an array, got {}")]
    [InlineData("""{"type":"read_ok","messages":[]}""", "in_reply_to must be an integer, got nothing")]
    [InlineData("""{"type":"read_ok","in_reply_to":"3","messages":[]}""", "in_reply_to must be an integer")]
    [InlineData("""{"type":"read_ok","in_reply_to":3,"msg_id":1.5,"messages":[]}""", "msg_id must be an integer")]
    [InlineData("""{"type":"write_ok","in_reply_to":3,"messages":[]}""", "expected type \"read_ok\", got \"write_ok\"")]
    [InlineData("""{"type":7,"in_reply_to":3,"messages":[]}""", "expected type \"read_ok\", got 7")]
    public void BrokenRepliesAreMalformed(string json, string message) =>
        Assert.Contains(message, Assert.Throws<MalformedReplyException>(() => CheckRead(json)).Message);

    [Fact]
    public void IntegerChecksRejectFractionsAndStrings()
    {
        Assert.True(ReplySchema.IsInteger(JsonNode.Parse("12")));
        Assert.False(ReplySchema.IsInteger(JsonNode.Parse("1.5")));
        Assert.False(ReplySchema.IsInteger(JsonNode.Parse("\"1\"")));
        Assert.True(ReplySchema.IsIntegerArray(JsonNode.Parse("[1,2]")));
        Assert.False(ReplySchema.IsIntegerArray(JsonNode.Parse("[1,\"2\"]")));
    }

    [Fact]
    public void EchoAcceptsAnyPayloadButNothingElse()
    {
        var echo = EchoClient.Instance;
        var op = new Invocation("echo", "hi");
        Assert.Equal("""{"type":"echo_ok","in_reply_to":1,"echo":{"a":[1]}}""", echo.Complete(op, JsonNode.Parse("""{"type":"echo_ok","in_reply_to":1,"echo":{"a":[1]}}""")!.AsObject())!.ToJsonString());
        Assert.Throws<MalformedReplyException>(() => echo.Complete(op, JsonNode.Parse("""{"type":"echo_ok","in_reply_to":1}""")!.AsObject()));
    }
}
