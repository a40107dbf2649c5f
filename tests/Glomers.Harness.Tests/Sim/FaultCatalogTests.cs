using Glomers.Harness.Cli;
using Glomers.Harness.Core;
using Glomers.Harness.Faults;
using Glomers.Harness.History;
using Glomers.Harness.Network;
using Glomers.NodeRuntime.Time;

namespace Glomers.Harness.Tests.Sim;

/// <summary>The fault types as the catalog lists them: names, what each needs from the cluster, and the refusals.</summary>
public sealed class FaultCatalogTests
{
    [Fact]
    public void TheCatalogListsEveryFaultOnceInTheNemesisOrder() =>
        Assert.Equal(["partition", "one-way", "pause", "kill", "duplicate", "slow"], FaultCatalog.Names);

    [Fact]
    public void AnUnknownFaultIsRefusedWithEveryKnownOneListed()
    {
        var e = Assert.Throws<BenchException>(() => FaultCatalog.Find("explode"));

        Assert.Equal("--nemesis: unknown fault 'explode' (known: partition, one-way, pause, kill, duplicate, slow)", e.Message);
        Assert.Throws<BenchException>(() => CommandLine.ParseTest(["-w", "echo", "--bin", typeof(FaultCatalogTests).Assembly.Location, "--nemesis", "kill,explode"]));
    }

    [Theory]
    [InlineData("partition", FaultNeeds.Network)]
    [InlineData("one-way", FaultNeeds.Network)]
    [InlineData("duplicate", FaultNeeds.Network)]
    [InlineData("pause", FaultNeeds.NodeProcesses)]
    [InlineData("kill", FaultNeeds.NodeProcesses)]
    [InlineData("slow", FaultNeeds.MachineLoad)]
    public void EachFaultSaysWhatItNeedsAndIsMadeOnlyWhereTheClusterHasIt(string name, FaultNeeds needs)
    {
        Assert.Equal(needs, FaultCatalog.Find(name).Needs);

        // A cluster with a network only: no node faults, no busy machine.
        var context = NetworkOnly();
        if (needs == FaultNeeds.Network)
        {
            var fault = FaultCatalog.Create(name, context);
            Assert.Equal(name, fault.Name);
            Assert.IsType(FaultCatalog.Find(name).Create(context).GetType(), fault);
        }
        else
        {
            var e = Assert.Throws<BenchException>(() => FaultCatalog.Create(name, context));
            Assert.Equal(needs == FaultNeeds.NodeProcesses ? $"--nemesis {name} needs a cluster that can pause and kill its nodes" : SlowFault.ProcessModeRefusal, e.Message);
        }
    }

    [Theory]
    [InlineData(false, "partition,kill", false)]
    [InlineData(false, "partition,slow", true)]
    [InlineData(true, "", true)]
    public void OnlyTheBusyMachineIsRefusedInProcessMode(bool busy, string nemesis, bool refused)
    {
        var options = new TestOptions { Busy = busy, Nemesis = nemesis.Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet() };

        Assert.Equal(refused ? SlowFault.ProcessModeRefusal : null, FaultCatalog.ProcessModeRefusal(options));
    }

    [Fact]
    public void TheHelpListsEveryFaultWithItsLine()
    {
        foreach (var kind in FaultCatalog.All)
            Assert.Contains(kind.Name.PadRight(25) + kind.Help.Split(' ')[0], CommandLine.Help);
    }

    private static FaultContext NetworkOnly()
    {
        var scheduler = new Scheduler(new VirtualTimeProvider());
        var network = new Router(scheduler, new Latency(LatencyDist.Constant, 0, new Random(1)), MessageLog.None, _ => { });
        return new FaultContext(["n0", "n1"], scheduler, network, null, _ => Task.FromResult<string?>(null), (Finding _) => { });
    }
}
