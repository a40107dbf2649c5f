using System.Text.Json.Nodes;

namespace Glomers.GCounter.Tests;

public sealed class SlotValueTests
{
    [Fact]
    public void SlotValueRoundTripsThroughJson()
    {
        var value = new SlotValue(7, -12);

        Assert.True(SlotValue.TryParse(JsonNode.Parse(value.ToJson().ToJsonString()), out var parsed));
        Assert.Equal(value, parsed);
    }

    [Theory]
    [InlineData("5")]
    [InlineData("null")]
    [InlineData("""{"version":1}""")]
    [InlineData("""{"version":"1","sum":2}""")]
    [InlineData("""{"version":-1,"sum":2}""")]
    [InlineData("""{"version":1,"sum":2.5}""")]
    public void ValueThatIsNotASlotIsRejected(string json)
    {
        Assert.False(SlotValue.TryParse(JsonNode.Parse(json), out _));
    }
}
