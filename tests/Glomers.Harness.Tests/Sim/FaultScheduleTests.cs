using Glomers.Harness.Nodes;
using Glomers.NodeRuntime;
using Glomers.NodeRuntime.Loop;
using Glomers.NodeRuntime.Time;
using Glomers.NodeRuntime.Transport;

namespace Glomers.Harness.Tests.Sim;

/// <summary>
/// The nemesis strikes on Maelstrom's schedule and nearby seeds are independent runs: the first
/// change comes when the main phase starts, later gaps are uniform in [0, 2·interval], and no two
/// of seeds 1-20 share a schedule.
/// </summary>
public class FaultScheduleTests
{
    /// <summary>The times (seconds) of every fault change in the main phase of a run with no client ops.</summary>
    private static List<double> Changes(long seed, double interval, int timeLimit, string faults = "partition")
    {
        var run = SimBench.Execute(SimBench.Options("echo", "Echo", "sim", seed, "--node-count", "3", "--rate", "0",
            "--time-limit", timeLimit.ToString(System.Globalization.CultureInfo.InvariantCulture), "--nemesis", faults,
            "--nemesis-interval", interval.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return [.. run.HistoryOps
            .Where(o => SimBench.Run.Text(o, "process") == "nemesis" && o["value"] is not null)
            .Select(o => (long)o["time"]! / 1e9)
            .Where(t => t < timeLimit)];
    }

    [Fact]
    public void TheFirstFaultStartsWhenTheMainPhaseStarts()
    {
        foreach (var seed in new long[] { 1, 2, 3, 42 })
        {
            var changes = Changes(seed, 10, 20);
            // In simulation, init takes no virtual time at zero latency: the main phase starts at 0.
            Assert.Equal(0, changes[0], 3);
        }
    }

    [Fact]
    public void GapsBetweenFaultChangesAreUniformUpToTwiceTheInterval()
    {
        const double interval = 1;
        var gaps = new List<double>();
        for (long seed = 1; seed <= 200; seed++)
        {
            var changes = Changes(seed, interval, 60);
            gaps.AddRange(changes.Zip(changes.Skip(1), (a, b) => b - a));
        }
        gaps.Sort();
        // Kolmogorov-Smirnov against U[0, 2·interval]; 1.63/sqrt(n) is the 1% critical value.
        var d = gaps.Select((g, i) => Math.Max(Math.Abs((i + 1.0) / gaps.Count - g / (2 * interval)), Math.Abs((double)i / gaps.Count - g / (2 * interval)))).Max();
        Assert.True(gaps.Count > 10_000, $"only {gaps.Count} gaps");
        Assert.True(gaps[^1] <= 2 * interval + 1e-9, $"a gap of {gaps[^1]} s");
        Assert.True(d < 1.63 / Math.Sqrt(gaps.Count), $"KS distance {d:0.0000} over {gaps.Count} gaps");
    }

    [Fact]
    public void EachFaultKeepsItsOwnTimeline()
    {
        var run = SimBench.Execute(SimBench.Options("echo", "Echo", "sim", 7, "--node-count", "3", "--rate", "0", "--time-limit", "60",
            "--nemesis", "partition,duplicate", "--nemesis-interval", "2"));
        var flips = run.HistoryOps.Where(o => SimBench.Run.Text(o, "process") == "nemesis" && o["value"] is not null).ToList();
        var partition = flips.Where(o => SimBench.Run.Text(o, "f")!.EndsWith("-partition", StringComparison.Ordinal)).Select(o => (long)o["time"]!).ToList();
        var duplicate = flips.Where(o => SimBench.Run.Text(o, "f")!.EndsWith("-duplicate", StringComparison.Ordinal)).Select(o => (long)o["time"]!).ToList();

        // Both start at once, then flip on their own: about 60 / 2 changes each, at different times.
        Assert.Equal(partition[0], duplicate[0]);
        Assert.InRange(partition.Count, 15, 60);
        Assert.InRange(duplicate.Count, 15, 60);
        Assert.True(partition.Skip(1).Intersect(duplicate.Skip(1)).Count() <= 1);
    }

    [Fact]
    public void NoTwoNearbySeedsShareASchedule()
    {
        // The first two gaps of each seed's default-interval schedule. Independent uniform draws on
        // [0, 20] s bring some pair of 20 seeds within 50 ms in one gap more often than not, but
        // two gaps at once only by the chance of a shared schedule.
        var schedules = Enumerable.Range(1, 20).Select(seed => Changes(seed, 10, 1000)).ToList();
        Assert.All(schedules, s => Assert.True(s.Count >= 3));
        for (var a = 0; a < schedules.Count; a++)
        {
            for (var b = a + 1; b < schedules.Count; b++)
            {
                var first = Math.Abs((schedules[a][1] - schedules[a][0]) - (schedules[b][1] - schedules[b][0]));
                var second = Math.Abs((schedules[a][2] - schedules[a][1]) - (schedules[b][2] - schedules[b][1]));
                Assert.True(first > 0.05 || second > 0.05, $"seeds {a + 1} and {b + 1} share a schedule: gaps differ by {first:0.000} and {second:0.000} s");
            }
        }
    }

    [Fact]
    public void NodeRandomnessDiffersBetweenNodesAndBetweenSeeds()
    {
        var draws = new HashSet<string>();
        for (long seed = 1; seed <= 20; seed++)
        {
            foreach (var id in new[] { "n0", "n1", "n2", "n3", "n4" })
            {
                var node = new Node(new NodeContext(new InMemoryTransport(), new ManualEventLoop(), new VirtualTimeProvider(), SimCluster.NodeSeed(seed, id)));
                // Five draws a node makes, such as its choice of gossip peer among 24.
                Assert.True(draws.Add(string.Join(",", Enumerable.Range(0, 5).Select(_ => node.Random.Next(24)))), $"node {id} of seed {seed} repeats another's choices");
            }
        }
        // 100 first choices among 24 peers: every peer is picked by some node.
        Assert.Equal(24, draws.Select(d => d.Split(',')[0]).Distinct().Count());
    }
}
