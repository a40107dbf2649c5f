using System.Text.Json.Nodes;
using Glomers.NodeRuntime.Protocol;

namespace Glomers.NodeRuntime.Tests.Protocol;

public class MessageTests
{
    private static Message Parse(string line)
    {
        Assert.True(Message.TryParse(line, out var message, out var error), error);
        return message;
    }

    [Fact]
    public void ParseReadsEnvelopeAndReservedBodyFields()
    {
        var m = Parse("""{"id":3,"src":"c1","dest":"n1","body":{"type":"echo","msg_id":5,"in_reply_to":4,"echo":"hi"}}""");

        Assert.Equal(("c1", "n1", "echo", 5L, 4L), (m.Src, m.Dest, m.Type, m.MsgId, m.InReplyTo));
        Assert.False(m.IsError);
    }

    [Fact]
    public void RoundTripKeepsUnknownFieldsInOrder()
    {
        const string line = """{"src":"c1","dest":"n1","body":{"type":"txn","msg_id":1,"txn":[["r",1,null],["w",1,6]],"x-extra":{"nested":[true,false,1e300,-0.5]}}}""";

        Assert.Equal(line, Parse(line).ToString());
    }

    [Fact]
    public void EnvelopeUsesRelaxedEscaping()
    {
        var body = new JsonObject { ["type"] = "echo", ["echo"] = "Please echo <85> & 'é' 日本 \"q\" \\ \n" };

        var line = EnvelopeCodec.Write("n1", "c1", body);

        Assert.Equal("""{"src":"n1","dest":"c1","body":{"type":"echo","echo":"Please echo <85> & 'é' 日本 \"q\" \\ \n"}}""", line);
        Assert.Equal(body["echo"]!.GetValue<string>(), Parse(line).GetString("echo"));
    }

    [Fact]
    public void EnvelopeReplacesBodyMsgIdAndInReplyToWithoutTouchingTheBody()
    {
        var body = new JsonObject { ["type"] = "x", ["msg_id"] = 99, ["in_reply_to"] = 98 };

        var line = EnvelopeCodec.Write("n1", "n2", body, msgId: 5, inReplyTo: 4);

        Assert.Equal("""{"src":"n1","dest":"n2","body":{"type":"x","msg_id":5,"in_reply_to":4}}""", line);
        Assert.Equal("""{"type":"x","msg_id":99,"in_reply_to":98}""", body.ToJsonString());
    }

    [Fact]
    public void GettersReadTypedFields()
    {
        var m = Parse("""{"src":"c1","dest":"n1","body":{"type":"add","delta":5,"key":"k","big":9007199254740993}}""");

        Assert.Equal(5, m.GetInt64("delta"));
        Assert.Equal("k", m.GetString("key"));
        Assert.Equal(9007199254740993, m.GetInt64("big"));
        Assert.Null(m.OptionalInt64("absent"));
        Assert.Null(m.MsgId);
    }

    [Theory]
    [InlineData("""{"type":"add"}""", "add: missing field 'delta'")]
    [InlineData("""{"type":"add","delta":null}""", "add: missing field 'delta'")]
    [InlineData("""{"type":"add","delta":1.5}""", "add: field 'delta' must be an integer, got 1.5")]
    [InlineData("""{"type":"add","delta":"1"}""", "add: field 'delta' must be an integer, got \"1\"")]
    [InlineData("""{"type":"add","delta":[1]}""", "add: field 'delta' must be an integer, got [1]")]
    [InlineData("""{"type":"add","delta":1e30}""", "add: field 'delta' must be an integer, got 1e30")]
    public void GetInt64RefusesWhatIsNotAnInteger(string body, string text)
    {
        var m = Parse($$"""{"src":"c1","dest":"n1","body":{{body}}}""");

        var error = Assert.Throws<RpcException>(() => m.GetInt64("delta"));

        Assert.Equal(ErrorCode.MalformedRequest, error.Code);
        Assert.Equal(text, error.Message);
    }

    [Fact]
    public void GetStringRefusesANumber()
    {
        var m = Parse("""{"src":"c1","dest":"n1","body":{"type":"read","key":3}}""");

        var error = Assert.Throws<RpcException>(() => m.GetString("key"));

        Assert.Equal("read: field 'key' must be a string, got 3", error.Message);
    }

    [Fact]
    public void ErrorBodyIsAnError()
    {
        Assert.True(Parse("""{"src":"n2","dest":"n1","body":{"type":"error","code":13,"in_reply_to":1}}""").IsError);
    }
}
