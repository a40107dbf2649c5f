namespace Glomers.Broadcast.Tests;

public class BroadcastOptionsTests
{
    [Fact]
    public void BatchPeriodDefaultsToNoneInDirectModeAndToABatchInHubMode()
    {
        Assert.Equal(TimeSpan.Zero, new BroadcastOptions().BatchPeriod);
        Assert.Equal(TimeSpan.FromMilliseconds(450), new BroadcastOptions { Mode = "hub" }.BatchPeriod);
        Assert.Equal(TimeSpan.FromMilliseconds(200), new BroadcastOptions { Mode = "Hub", BatchMs = 200 }.BatchPeriod);
    }

    [Fact]
    public void AnUnknownModeIsNamedInTheError()
    {
        var error = Assert.Throws<ArgumentException>(() => new BroadcastOptions { Mode = "star" }.Validate());
        Assert.Equal("--mode must be direct or hub, not 'star'", error.Message);
    }

    [Fact]
    public void ANegativePeriodIsNamedInTheError()
    {
        var error = Assert.Throws<ArgumentException>(() => new BroadcastOptions { AntiEntropyMs = -1 }.Validate());
        Assert.Equal("--anti-entropy-ms must be 0 or more milliseconds, not -1", error.Message);
    }
}
