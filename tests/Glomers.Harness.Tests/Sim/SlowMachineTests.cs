using Glomers.Harness.Checkers;
using Glomers.Harness.Cli;
using Glomers.Harness.Core;
using Glomers.Harness.Faults;
using Glomers.Harness.Nodes;
using Glomers.NodeRuntime.Randomness;

namespace Glomers.Harness.Tests.Sim;

public class SlowMachineTests
{
    [Fact]
    public void CostsAverageTheirMeanAndWorkWithoutStallsIsNeverDelayedFurther()
    {
        var cpu = new NodeCpu(new SlowModel(2, 100, 0), new SeededRandom(1, "test"));

        var costs = Enumerable.Range(0, 20_000).Select(i => cpu.Finish(i * 1_000_000_000L) - i * 1_000_000_000L).ToArray();

        Assert.InRange(costs.Average() / 1e6, 1.96, 2.04);
        Assert.InRange(costs.Max() / 1e6, 10, 30);
    }

    [Fact]
    public void StallsComeAtTheirRatePerSecondOfWorkAndLastUpToTwiceTheirMean()
    {
        // 1,000 s of work in 1 ms pieces, 2 stalls per second of work of 50 ms on average: 100 s stalled.
        var cpu = new NodeCpu(new SlowModel(1, 50, 2), new SeededRandom(2, "test"));
        var took = new List<long>();
        long free = 0;
        for (var i = 0; i < 1_000_000; i++)
        {
            var done = cpu.Finish(free);
            took.Add(done - free);
            free = done;
        }

        Assert.InRange(free / 1e9, 1070, 1130);
        // A piece of work takes 20 ms only with a stall in it (a cost that long has odds of e^-20).
        Assert.InRange(took.Count(t => t > 20_000_000), 1400, 1850);
        Assert.InRange(took.Max() / 1e6, 95, 140);
    }

    [Fact]
    public void AStallFallsInsideThePieceOfWorkThatReachesItAndStretchesItByItsLength()
    {
        var model = new SlowModel(5, 100, 20);
        var cpu = new NodeCpu(model, new SeededRandom(3, "test"));
        var replay = new SeededRandom(3, "test");
        double Draw() => -Math.Log(1 - replay.NextDouble());
        var workToStall = (long)(1e9 / 20 * Draw());
        long start = 0;
        for (var i = 0; ; i++)
        {
            var cost = (long)(5e6 * Draw());
            if (cost < workToStall)
            {
                Assert.Equal(start + cost, cpu.Finish(start));
                workToStall -= cost;
                start += cost + 1_000_000;
                continue;
            }
            var stall = (long)(replay.NextDouble() * 2 * model.StallMs * 1e6);
            Assert.Equal(start + cost + stall, cpu.Finish(start));
            Assert.True(i > 0 && stall > 0);
            break;
        }
    }

    [Theory]
    [InlineData("--slow-stalls", "0")]
    [InlineData("--slow-stalls", "2")]
    public void RepliesComeLaterByTheModelledAmountsInArrivalOrder(string flag, string stalls)
    {
        // One echo node, five clients at a rate that queues work behind 4 ms messages: the reply to each
        // request leaves exactly when a single CPU of this model, on the node's own stream, has handled
        // the request and written the reply.
        var options = SimBench.Options("echo", "Echo", "sim", 31, "--node-count", "1", "--time-limit", "5", "--rate", "300",
            "--concurrency", "5", "--busy", "--slow-cost", "4", "--slow-stall", "40", flag, stalls);
        var run = SimBench.Execute(options);
        var events = run.MessageEvents;
        var bodies = events.Where(e => SimBench.Run.Text(e, "event") == "send").ToDictionary(e => (long)e["id"]!, e => e["body"]!.AsObject());
        var received = events.Where(e => SimBench.Run.Text(e, "event") == "recv" && SimBench.Run.Text(e, "dest") == "n0").ToList();
        var replies = events.Where(e => SimBench.Run.Text(e, "event") == "send" && SimBench.Run.Text(e, "src") == "n0").ToList();

        var cpu = new NodeCpu(options.Slow, new SeededRandom(31, "busy/n0"));
        long free = 0, queued = 0;
        Assert.Equal(received.Count, replies.Count);
        for (var i = 0; i < received.Count; i++)
        {
            var request = bodies[(long)received[i]["id"]!];
            var start = Math.Max((long)received[i]["time"]!, free);
            if (start > (long)received[i]["time"]!) queued++;
            // Handled after its cost, then the reply written after a cost of its own.
            var handled = start + (cpu.Finish(start) - start + 99) / 100 * 100;
            free = handled + (cpu.Finish(handled) - handled + 99) / 100 * 100;
            Assert.Equal(free, (long)replies[i]["time"]!);
            Assert.Equal((long)request["msg_id"]!, (long)replies[i]["body"]!["in_reply_to"]!);
            Assert.Equal(SimBench.Run.Text(received[i], "src"), SimBench.Run.Text(replies[i], "dest"));
        }
        Assert.True(received.Count > 500);
        Assert.True(queued > 50, $"only {queued} requests waited behind another");
        Assert.Equal(Validity.True, run.Valid);
    }

    [Fact]
    public void TheSlowFaultSlowsNodesOnlyWhileItIsOn()
    {
        var run = SimBench.Execute(SimBench.Options("echo", "Echo", "sim", 5, "--node-count", "3", "--time-limit", "20", "--rate", "50",
            "--nemesis", "slow", "--nemesis-interval", "2", "--slow-cost", "3", "--slow-stall", "100", "--slow-stalls", "1"));
        var nemesis = run.HistoryOps.Where(o => SimBench.Run.Text(o, "process") == "nemesis" && o["value"] is not null).ToList();
        var on = nemesis.Where(o => SimBench.Run.Text(o, "f") == "start-slow").Select(o => (long)o["time"]!).ToList();
        var off = nemesis.Where(o => SimBench.Run.Text(o, "f") == "stop-slow").Select(o => (long)o["time"]!).ToList();
        var ops = run.HistoryOps.Where(o => SimBench.Run.Text(o, "process") != "nemesis").ToList();
        var slow = new List<long>();
        var fast = new List<long>();
        foreach (var op in ops.Where(o => SimBench.Run.Text(o, "type") == "ok"))
        {
            var invoke = ops.Last(o => SimBench.Run.Text(o, "type") == "invoke" && SimBench.Run.Text(o, "process") == SimBench.Run.Text(op, "process")
                && (long)o["time"]! <= (long)op["time"]!);
            var t = (long)invoke["time"]!;
            var during = on.Select((s, i) => t >= s && t < (i < off.Count ? off[i] : long.MaxValue)).Any(b => b);
            // Just after a stop the work already queued still drains: neither slow nor fast.
            var draining = off.Any(s => t >= s && t < s + 500_000_000);
            if (during) slow.Add((long)op["time"]! - t);
            else if (!draining) fast.Add((long)op["time"]! - t);
        }

        Assert.Contains("nodes slow: 3 ms per message in or out, stalls of 0-200 ms 1 per second of work", nemesis.Select(o => SimBench.Run.Text(o, "value")));
        Assert.True(on.Count >= 2 && off.Count >= 2);
        Assert.True(slow.Count > 100 && fast.Count > 100);
        Assert.InRange(slow.Average() / 1e6, 3, 20);
        Assert.Equal(0, fast.Max());
    }

    [Fact]
    public void APausedBusyNodeWritesNothingUntilItResumes()
    {
        // Stalls on nearly every piece of work, so that lines are still waiting to be written when a pause comes.
        var run = SimBench.Execute(SimBench.Options("broadcast", "FloodBroadcast", "sim", 8, "--node-count", "5", "--time-limit", "8",
            "--rate", "50", "--latency", "10", "--nemesis", "pause", "--nemesis-interval", "1", "--busy", "--slow-cost", "2", "--slow-stalls", "200",
            "--slow-stall", "20"));
        var nemesis = run.HistoryOps.Where(o => SimBench.Run.Text(o, "process") == "nemesis" && o["value"] is not null).ToList();
        var starts = nemesis.Where(o => SimBench.Run.Text(o, "f") == "start-pause").ToList();
        var stops = nemesis.Where(o => SimBench.Run.Text(o, "f") == "stop-pause").ToList();
        var sends = run.MessageEvents.Where(m => SimBench.Run.Text(m, "event") == "send").ToList();

        Assert.True(starts.Count >= 3);
        foreach (var (start, stop) in starts.Zip(stops))
        {
            var nodes = start["value"]!.ToString()["paused ".Length..].Split(',');
            long from = (long)start["time"]!, to = (long)stop["time"]!;
            Assert.DoesNotContain(sends, m => nodes.Contains(SimBench.Run.Text(m, "src")) && (long)m["time"]! > from && (long)m["time"]! < to);
            // Resumed, the nodes finish what they were doing: they write again, later than the resume by their costs.
            Assert.Contains(sends, m => nodes.Contains(SimBench.Run.Text(m, "src")) && (long)m["time"]! > to);
        }
        Assert.Equal(Validity.True, run.Valid);
    }

    [Fact]
    public void ProcessModeRefusesTheModelWithAReason()
    {
        var o = CommandLine.ParseTest(["-w", "echo", "--bin", SimBench.Bin("Echo"), "--busy", "--store", Path.GetTempPath()]);

        var e = Assert.Throws<BenchException>(() => TestCommand.Execute(o, null));
        Assert.Equal(SlowFault.ProcessModeRefusal, e.Message);
    }

    [Fact]
    public void BusyAndTheSlowFaultAreOneOrTheOther()
    {
        var e = Assert.Throws<BenchException>(() => CommandLine.ParseTest(["-w", "echo", "--bin", SimBench.Bin("Echo"), "--busy", "--nemesis", "slow"]));
        Assert.Contains("use one of them", e.Message);
    }

    [Fact]
    public void TheReplayCommandAndTheStoredOptionsCarryTheModel()
    {
        var o = CommandLine.ParseTest(["-w", "echo", "--bin", SimBench.Bin("Echo"), "--mode", "sim", "--busy", "--slow-cost", "0.5", "--slow-stalls", "2", "--seed", "4"]);

        Assert.Equal(new SlowModel(0.5, 300, 2), o.Slow);
        Assert.EndsWith("--mode sim --busy --slow-cost 0.5 --slow-stalls 2 --seed 4", CommandText.Of(o));
        var store = Path.Combine(Path.GetTempPath(), "glomers-sim-tests", Guid.NewGuid().ToString("N"));
        var run = SimBench.Execute(o with { StoreRoot = store, TimeLimit = 1 });
        var stored = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(run.Directory, "options.json")))!;
        Assert.Equal("""{"cost-ms":0.5,"stall-ms":300,"stalls-per-second-of-work":2}""", stored["slow"]!.ToJsonString());
        Assert.True((bool)stored["busy"]!);
    }
}
