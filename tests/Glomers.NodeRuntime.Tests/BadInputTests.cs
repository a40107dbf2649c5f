using System.Text.Json.Nodes;
using Glomers.NodeRuntime.Tests.Fixtures;
using Microsoft.Extensions.Logging;
using static Glomers.NodeRuntime.Tests.Fixtures.TestNode;

namespace Glomers.NodeRuntime.Tests;

public class BadInputTests
{
    [Theory]
    [InlineData("this is not json", "not JSON")]
    [InlineData("""{"src":"c1","dest":"n1","body":{"type":"echo","msg_id":1}""", "not JSON")]
    [InlineData("""{"src":"c1"}} trailing""", "not JSON")]
    [InlineData("[1,2,3]", "not a JSON object")]
    [InlineData("42", "not a JSON object")]
    [InlineData("null", "not a JSON object")]
    [InlineData("\"a string\"", "not a JSON object")]
    [InlineData("""{"dest":"n1","body":{"type":"echo","msg_id":1}}""", "missing string field 'src'")]
    [InlineData("""{"src":3,"dest":"n1","body":{"type":"echo","msg_id":1}}""", "missing string field 'src'")]
    [InlineData("""{"src":"c1","body":{"type":"echo","msg_id":1}}""", "missing string field 'dest'")]
    [InlineData("""{"src":"c1","dest":"n1"}""", "missing object field 'body'")]
    [InlineData("""{"src":"c1","dest":"n1","body":[1]}""", "missing object field 'body'")]
    [InlineData("""{"src":"c1","dest":"n1","body":{"msg_id":1}}""", "body lacks a string field 'type'")]
    [InlineData("""{"src":"c1","dest":"n1","body":{"type":5,"msg_id":1}}""", "body lacks a string field 'type'")]
    [InlineData("""{"src":"c1","src":"c2","dest":"n1","body":{"type":"echo","msg_id":1}}""", "not JSON")]
    [InlineData("""{"src":"c1","dest":"n1","body":{"type":"echo","type":"echo","msg_id":1}}""", "not JSON")]
    public void MalformedLineIsLoggedSkippedAndTheNodeKeepsServing(string line, string reason)
    {
        var t = new TestNode().Init();
        t.Node.On("echo", m => t.Node.Reply(m, new JsonObject { ["type"] = "echo_ok", ["echo"] = m.Required("echo").DeepClone() }));

        var skipped = t.Deliver(line);
        var served = t.Deliver(Line("c1", "n1", """{"type":"echo","msg_id":2,"echo":"still here"}"""));

        Assert.Empty(skipped);
        Assert.Contains(t.Log.Entries, e => e.Level == LogLevel.Error && e.Text.StartsWith($"Skipped a malformed line ({reason}", StringComparison.Ordinal));
        Assert.Equal(["""{"src":"n1","dest":"c1","body":{"type":"echo_ok","echo":"still here","msg_id":2,"in_reply_to":2}}"""], served);
    }

    [Fact]
    public void DeeplyNestedLineIsSkipped()
    {
        var t = new TestNode().Init();
        var deep = new string('[', 100_000) + new string(']', 100_000);

        var sent = t.Deliver(Line("c1", "n1", $$"""{"type":"echo","msg_id":2,"echo":{{deep}}}"""));

        Assert.Empty(sent);
        Assert.Contains(t.Log.Entries, e => e.Text.StartsWith("Skipped a malformed line (not JSON", StringComparison.Ordinal));
    }

    [Fact]
    public void LogOfAHugeMalformedLineIsTruncated()
    {
        var t = new TestNode().Init();

        t.Deliver(new string('x', 10_000));

        var entry = Assert.Single(t.Log.Entries, e => e.Text.StartsWith("Skipped a malformed line", StringComparison.Ordinal));
        Assert.True(entry.Text.Length < 1_000, $"log entry of {entry.Text.Length} characters");
    }
}
