using System.Text.Json.Nodes;

namespace Glomers.Harness.Tests.Sim;

public class NemesisTests
{
    private static readonly string[] Busy = ["--node-count", "5", "--time-limit", "8", "--rate", "50", "--latency", "10", "--nemesis-interval", "1"];

    [Fact]
    public void KilledNodesAreRestartedAndInitialisedAgain()
    {
        var run = SimBench.Execute(SimBench.Options("echo", "Echo", "sim", 21, [.. Busy, "--nemesis", "kill"]));

        var kills = Done(run, "start-kill");
        Assert.NotEmpty(kills);
        Assert.Equal(kills.Count, Done(run, "stop-kill").Count);
        var killed = kills[0]["value"]!.ToString()["killed ".Length..].Split(',');
        var inits = run.MessageEvents.Where(m => SimBench.Run.Text(m, "event") == "send" && m["body"]?["type"]?.ToString() == "init");
        foreach (var node in killed) Assert.True(inits.Count(m => SimBench.Run.Text(m, "dest") == node) >= 2, $"{node} was not initialised again");
        // Requests to a dead node time out: indeterminate, never lost by the checker.
        Assert.Contains(run.HistoryOps, o => SimBench.Run.Text(o, "type") == "info" && SimBench.Run.Text(o, "error") == "net-timeout");
    }

    [Fact]
    public void PausedNodesSendNothingUntilResumed()
    {
        var run = SimBench.Execute(SimBench.Options("echo", "Echo", "sim", 8, [.. Busy, "--nemesis", "pause"]));

        var starts = Done(run, "start-pause");
        var stops = Done(run, "stop-pause");
        Assert.NotEmpty(starts);
        Assert.Equal(starts.Count, stops.Count);
        var resumedSends = 0;
        foreach (var (start, stop) in starts.Zip(stops))
        {
            var nodes = start["value"]!.ToString()["paused ".Length..].Split(',');
            long from = (long)start["time"]!, to = (long)stop["time"]!;
            var sends = run.MessageEvents.Where(m => SimBench.Run.Text(m, "event") == "send" && nodes.Contains(SimBench.Run.Text(m, "src"))).ToList();
            Assert.DoesNotContain(sends, m => (long)m["time"]! > from && (long)m["time"]! < to);
            resumedSends += sends.Count(m => (long)m["time"]! == to);
        }
        // What waited for a paused node is answered the moment it resumes.
        Assert.True(resumedSends > 0);
    }

    [Fact]
    public void FaultsAlternateAndAreAllStoppedBeforeTheFinalReads()
    {
        var run = SimBench.Execute(SimBench.Options("g-counter", "GCounter", "sim", 4,
            [.. Busy, "--recovery-time", "2", "--nemesis", "partition,one-way,pause,kill,duplicate"]));

        var nemesis = run.HistoryOps.Where(o => SimBench.Run.Text(o, "process") == "nemesis" && o["value"] is not null).ToList();
        var firstFinal = run.HistoryOps.First(o => (bool?)o["final?"] == true);
        foreach (var fault in new[] { "partition", "one-way", "pause", "kill", "duplicate" })
        {
            var flips = nemesis.Where(o => (SimBench.Run.Text(o, "f")!).EndsWith("-" + fault, StringComparison.Ordinal)).Select(o => SimBench.Run.Text(o, "f")!).ToList();
            for (var i = 0; i < flips.Count; i++) Assert.Equal((i % 2 == 0 ? "start-" : "stop-") + fault, flips[i]);
            Assert.True(flips.Count % 2 == 0, $"{fault} was still on at the end");
        }
        Assert.True((long)nemesis[^1]["time"]! <= (long)firstFinal["time"]!);
        Assert.Equal(Glomers.Harness.Checkers.Validity.True, run.Valid);
    }

    [Fact]
    public void ANodePausedWhileDeadRestartsRunning()
    {
        // Seed 14: every node is killed at once and n0 is paused while dead; the restart must still init it.
        var run = SimBench.Execute(SimBench.Options("g-counter", "GCounter", "sim", 14, "--node-count", "3", "--time-limit", "20", "--rate", "100",
            "--nemesis", "partition,one-way,pause,kill,duplicate"));

        var pausedWhileDead = Done(run, "start-pause").Any(p => p["value"]!.ToString().Contains("n0") && Done(run, "start-kill")
            .Any(k => (long)k["time"]! <= (long)p["time"]! && Done(run, "stop-kill").All(s => (long)s["time"]! > (long)p["time"]!)));
        Assert.True(pausedWhileDead, "the schedule of seed 14 no longer pauses a dead node");
        Assert.DoesNotContain("restart-failed", run.Results.ToJsonString());
    }

    private static List<JsonObject> Done(SimBench.Run run, string f) =>
        [.. run.HistoryOps.Where(o => SimBench.Run.Text(o, "process") == "nemesis" && SimBench.Run.Text(o, "f") == f && o["value"] is not null)];
}
