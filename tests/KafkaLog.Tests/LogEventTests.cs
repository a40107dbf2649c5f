using System.Text.Json.Nodes;

namespace Glomers.KafkaLog.Tests;

public class LogEventTests
{
    [Theory]
    [InlineData("""["m","9",4,{"v":[1,null]}]""")]
    [InlineData("""["m","9",4,null]""")]
    [InlineData("""["p","k",7]""")]
    [InlineData("""["c","k",0]""")]
    public void EventsRoundTrip(string json)
    {
        Assert.True(LogEvent.TryParse(JsonNode.Parse(json), out var e, out var error), error);
        Assert.Equal(json, e.ToJson().ToJsonString());
    }

    [Theory]
    [InlineData("""["m","9",4]""")]
    [InlineData("""["p","k",-1]""")]
    [InlineData("""["p",3,1]""")]
    [InlineData("""["x","k",1]""")]
    [InlineData("""{"m":1}""")]
    [InlineData("null")]
    public void MalformedEventsAreRefusedWithAReason(string json)
    {
        Assert.False(LogEvent.TryParse(JsonNode.Parse(json), out _, out var error));
        Assert.NotEmpty(error);
    }
}
