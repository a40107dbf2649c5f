using System.Text.Json.Nodes;
using Glomers.Harness.Core;
using Glomers.Harness.Nodes;
using Glomers.Harness.Services;

namespace Glomers.Harness.Tests.Sim;

/// <summary>The scripted simulation node tests run on: the bench's network, services and node faults, step by step.</summary>
public class SimulationTests
{
    private static readonly Type Flood = SimAssembly.NodeClass(SimBench.Bin("FloodBroadcast"));

    // Two flooding nodes that know each other, repair off: a value travels once, or never.
    private static Simulation Pair(int latencyMs = 100)
    {
        var sim = new Simulation(Flood, 2, latencyMs, seed: 1, "--repair-ms", "0");
        var topology = new JsonObject { ["n0"] = new JsonArray("n1"), ["n1"] = new JsonArray("n0") };
        foreach (var n in sim.NodeIds) Assert.Equal("topology_ok", Type(sim.Call(n, new JsonObject { ["type"] = "topology", ["topology"] = topology.DeepClone() })));
        return sim;
    }

    private static string? Type(JsonObject? reply) => reply?["type"]?.ToString();

    private static string Read(Simulation sim, string node) => sim.Call(node, new JsonObject { ["type"] = "read" })["messages"]!.ToJsonString();

    private static void Broadcast(Simulation sim, string node, long value) =>
        Assert.Equal("broadcast_ok", Type(sim.Call(node, new JsonObject { ["type"] = "broadcast", ["message"] = value })));

    [Fact]
    public void ClientsTalkWithoutLatencyAndNodesWithTheNetworksLatency()
    {
        using var sim = Pair();

        Broadcast(sim, "n0", 7);
        Assert.Equal(0, sim.Now);
        sim.Run(TimeSpan.FromMilliseconds(99));
        Assert.Equal("[]", Read(sim, "n1"));
        sim.Run(TimeSpan.FromMilliseconds(1));

        Assert.Equal("[7]", Read(sim, "n1"));
        Assert.Equal(1, sim.NodeMessages);
        Assert.Empty(sim.Findings);
    }

    [Fact]
    public void APartitionDropsWhatArrivesWhileItHoldsAndTheJournalCountsItAsSent()
    {
        using var sim = Pair();
        sim.Partition("n0");

        Broadcast(sim, "n0", 1);
        sim.Run(TimeSpan.FromMilliseconds(150));
        sim.Heal();
        sim.Run(TimeSpan.FromSeconds(1));

        Assert.Equal("[]", Read(sim, "n1"));
        var gossip = Assert.Single(sim.Journal, e => e.IsSend && e.Type == "gossip");
        Assert.DoesNotContain(sim.Journal, e => !e.IsSend && e.Id == gossip.Id);
        Assert.Equal(1, sim.NodeMessages);
    }

    [Fact]
    public void AMessageInFlightWhenTheCutHealsGetsThrough()
    {
        using var sim = Pair();
        sim.CutOneWay("n0", "n1");

        Broadcast(sim, "n0", 1);
        sim.Run(TimeSpan.FromMilliseconds(50));
        sim.Heal();
        sim.Run(TimeSpan.FromMilliseconds(50));

        Assert.Equal("[1]", Read(sim, "n1"));
    }

    [Fact]
    public void AOneWayCutLetsTheOtherDirectionThrough()
    {
        using var sim = Pair();
        sim.CutOneWay("n0", "n1");

        Broadcast(sim, "n0", 1);
        Broadcast(sim, "n1", 2);
        sim.Run(TimeSpan.FromMilliseconds(200));

        Assert.Equal("[2]", Read(sim, "n1"));
        Assert.Equal("[1,2]", Read(sim, "n0"));
    }

    [Fact]
    public void AKilledNodeAnswersNothingAndARestartedOneHasLostItsMemory()
    {
        using var sim = Pair();
        Broadcast(sim, "n0", 3);
        sim.Kill("n0");

        var unanswered = sim.Send("n0", new JsonObject { ["type"] = "read" }, TimeSpan.FromSeconds(1));
        Assert.Null(sim.RunUntilAnswered(unanswered));
        Assert.True(unanswered.TimedOut);
        Assert.Equal(1_000_000_000, sim.Now);
        var refused = Assert.Throws<InvalidOperationException>(() => sim.Call("n0", new JsonObject { ["type"] = "read" }, TimeSpan.FromSeconds(1)));
        Assert.Equal("""n0 did not answer {"type":"read"} within 1000 ms""", refused.Message);

        sim.Restart("n0");

        Assert.Equal("[]", Read(sim, "n0"));
    }

    [Fact]
    public void TheNemesisFaultsRunByName()
    {
        using var sim = Pair();
        Broadcast(sim, "n0", 3);
        sim.Run(TimeSpan.FromMilliseconds(100));

        // Seed 5 makes the kill fault pick one node, n0.
        Assert.Equal("killed n0", sim.StartFault("kill", seed: 5));
        Assert.Null(sim.RunUntilAnswered(sim.Send("n0", new JsonObject { ["type"] = "read" }, TimeSpan.FromSeconds(1))));

        Assert.Equal("restarted n0", sim.StopFault("kill"));

        Assert.Equal("[]", Read(sim, "n0"));
        Assert.Equal("[3]", Read(sim, "n1"));
        var unknown = Assert.Throws<BenchException>(() => sim.StartFault("flood"));
        Assert.Contains("'flood'", unknown.Message);
        Assert.Contains("kill", unknown.Message);
    }

    [Fact]
    public void ClientsReachTheServicesAndTestsSeeTheirState()
    {
        using var sim = new Simulation(Flood, 1, latencyMs: 100);

        var reply = sim.Call("seq-kv", new JsonObject { ["type"] = "write", ["key"] = "k", ["value"] = 5 });

        Assert.Equal("write_ok", Type(reply));
        Assert.Equal(0, sim.Now);
        var read = sim.Service<SeqKvService>("seq-kv").Latest.Handle(new JsonObject { ["type"] = "read", ["key"] = "k" })!.Value.Reply;
        Assert.Equal(5, read["value"]!.GetValue<int>());
    }

    [Fact]
    public void TheSameSeedGivesTheSameJournal()
    {
        static string Journal(long seed)
        {
            using var sim = new Simulation(Flood, 5, latencyMs: 100, seed);
            var topology = new JsonObject();
            foreach (var n in sim.NodeIds) topology[n] = new JsonArray([.. sim.NodeIds.Where(m => m != n).Select(m => (JsonNode)m)]);
            foreach (var n in sim.NodeIds) sim.Call(n, new JsonObject { ["type"] = "topology", ["topology"] = topology.DeepClone() });
            for (var v = 0; v < 10; v++)
            {
                Broadcast(sim, sim.NodeIds[v % 5], v);
                sim.Run(TimeSpan.FromMilliseconds(300));
            }
            return string.Join("\n", sim.Journal);
        }

        Assert.Equal(Journal(3), Journal(3));
        Assert.NotEqual(Journal(3), Journal(4));
    }
}
