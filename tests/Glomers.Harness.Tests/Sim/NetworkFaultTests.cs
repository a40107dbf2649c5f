using System.Text.Json.Nodes;
using Glomers.Harness.Cli;
using Glomers.Harness.Core;
using Glomers.Harness.Faults;
using Glomers.Harness.Network;
using Glomers.Harness.Nodes;
using Glomers.NodeRuntime.Time;

namespace Glomers.Harness.Tests.Sim;

public class NetworkFaultTests
{
    private readonly Scheduler scheduler = new(new VirtualTimeProvider());
    private readonly List<string> delivered = [];
    private readonly Router network;

    public NetworkFaultTests()
    {
        network = new Router(scheduler, new Latency(LatencyDist.Constant, 5, new Random(1)), MessageLog.None, _ => { });
        foreach (var id in new[] { "n0", "n1", "n2", "c0" }) network.Add(new Recorder(id, delivered));
    }

    [Fact]
    public void DuplicateDeliversMessagesBetweenNodesTwice()
    {
        network.Duplicate(1.0, new Random(1));
        Run(() =>
        {
            network.Send("n0", "n1", Body("gossip"));
            network.Send("c0", "n1", Body("read"));
        });

        Assert.Equal(["n1<-c0 read", "n1<-n0 gossip", "n1<-n0 gossip"], delivered.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void StoppedDuplicationDeliversOnce()
    {
        network.Duplicate(1.0, new Random(1));
        network.Duplicate(0, new Random(1));
        Run(() => network.Send("n0", "n1", Body("gossip")));

        Assert.Equal(["n1<-n0 gossip"], delivered);
    }

    [Fact]
    public void OneWayCutDropsOnlyOneDirection()
    {
        var (senders, receivers, grudge) = OneWayCut.Pick(["n0", "n1", "n2"], new Random(3));
        network.BlockOneWay(grudge);
        Run(() =>
        {
            network.Send(senders[0], receivers[0], Body("there"));
            network.Send(receivers[0], senders[0], Body("back"));
        });

        Assert.Equal([$"{senders[0]}<-{receivers[0]} back"], delivered);
        Assert.True(network.IsPartitioned);
        network.UnblockOneWay();
        Assert.False(network.IsPartitioned);
    }

    [Fact]
    public void OneWayCutSplitsEveryNodeIntoSendersOrReceivers()
    {
        for (var seed = 0; seed < 20; seed++)
        {
            var (senders, receivers, grudge) = OneWayCut.Pick(["n0", "n1", "n2", "n3", "n4"], new Random(seed));
            Assert.NotEmpty(senders);
            Assert.NotEmpty(receivers);
            Assert.Equal(5, senders.Union(receivers).Count());
            Assert.All(receivers, r => Assert.Equal(senders.Order(), grudge[r].Order()));
            Assert.All(senders, s => Assert.False(grudge.ContainsKey(s)));
        }
    }

    [Fact]
    public void FaultTargetsAreOneMinorityMajorityOrAll()
    {
        var sizes = Enumerable.Range(0, 200).Select(seed => FaultTargets.Pick(["n0", "n1", "n2", "n3", "n4"], new Random(seed)).Length).ToHashSet();

        Assert.Equal([1, 2, 3, 5], sizes.Order());
    }

    private void Run(Action send) => scheduler.Run(async () =>
    {
        send();
        await scheduler.Delay(TimeSpan.FromSeconds(1));
        return 0;
    });

    private static JsonObject Body(string type) => new() { ["type"] = type };

    private sealed class Recorder(string id, List<string> delivered) : IEndpoint
    {
        public string Id { get; } = id;

        public void Deliver(Envelope message) => delivered.Add($"{Id}<-{message.Src} {message.Type}");
    }
}
