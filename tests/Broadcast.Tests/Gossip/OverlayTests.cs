using Glomers.Broadcast.Gossip;

namespace Glomers.Broadcast.Tests.Gossip;

public class OverlayTests
{
    private static readonly string[] Nodes = ["n0", "n1", "n2", "n3"];

    [Fact]
    public void DirectReceiverTellsEveryOtherNodeAndNodesNeverRelay()
    {
        var overlay = new Overlay(BroadcastMode.Direct, "n2", Nodes);

        Assert.Equal(["n0", "n1", "n3"], overlay.Targets(source: null));
        Assert.Empty(overlay.Targets("n1"));
        Assert.Null(overlay.Hub);
    }

    [Fact]
    public void HubIsTheFirstNodeAndRelaysToEveryLeafButTheSource()
    {
        var overlay = new Overlay(BroadcastMode.Hub, "n0", Nodes);

        Assert.True(overlay.IsHub);
        Assert.Equal(["n1", "n2", "n3"], overlay.Targets(source: null));
        Assert.Equal(["n1", "n3"], overlay.Targets("n2"));
    }

    [Fact]
    public void LeafPassesToTheHubWhatDidNotComeFromIt()
    {
        var overlay = new Overlay(BroadcastMode.Hub, "n3", Nodes);

        Assert.Equal("n0", overlay.Hub);
        Assert.Equal(["n0"], overlay.Targets(source: null));
        Assert.Equal(["n0"], overlay.Targets("n1"));
        Assert.Empty(overlay.Targets("n0"));
    }

    [Fact]
    public void ALoneNodeHasNobodyToTell()
    {
        Assert.Empty(new Overlay(BroadcastMode.Direct, "n0", ["n0"]).Targets(null));
        Assert.Empty(new Overlay(BroadcastMode.Hub, "n0", ["n0"]).Targets(null));
    }

    [Fact]
    public void ANodeOutsideTheClusterIsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => new Overlay(BroadcastMode.Direct, "n9", Nodes));
        Assert.Contains("n9", error.Message);
    }
}
