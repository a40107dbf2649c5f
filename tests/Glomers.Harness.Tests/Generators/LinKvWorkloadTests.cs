using System.Text.Json.Nodes;
using Glomers.Harness.Cli;
using Glomers.Harness.Core;
using Glomers.Harness.History;
using Glomers.Harness.Workloads;
using Glomers.Harness.Workloads.LinKv;

namespace Glomers.Harness.Tests.Generators;

/// <summary>lin-kv's independent-key generator: reader and writer threads, the write/cas mix, key groups and key rotation.</summary>
public sealed class LinKvWorkloadTests
{
    private static LinKvWorkload Workload(int nodes, int concurrency, double latency = 0) =>
        new(new TestOptions { Workload = "lin-kv", NodeCount = nodes, Concurrency = concurrency, LatencyMs = latency });

    [Fact]
    public void TheFirstNodeCountThreadsOfAGroupReadAndTheRestWriteOrCasOneToTwo()
    {
        var workload = Workload(3, 6);
        var random = new Random(2);
        var ops = Enumerable.Range(0, 6000).Select(i => (Thread: i % 6, Op: workload.Next(random, i % 6, 0))).ToList();

        Assert.All(ops.Where(o => o.Thread < 3), o => Assert.Equal(("read", "[0,null]"), (o.Op.F, o.Op.Value!.ToJsonString())));
        var mixed = ops.Where(o => o.Thread >= 3).Select(o => o.Op).ToList();
        Assert.Equal(["cas", "write"], mixed.Select(o => o.F).Distinct().Order());
        Assert.InRange(mixed.Count(o => o.F == "write") / (double)mixed.Count, 0.3, 0.37);
        Assert.All(mixed.Where(o => o.F == "write"), o => Assert.InRange(o.Value![1]!.GetValue<int>(), 0, 4));
        Assert.All(mixed.Where(o => o.F == "cas"), o => Assert.Equal(2, o.Value![1]!.AsArray().Count));
        Assert.Equal(25, mixed.Where(o => o.F == "cas").Select(o => o.Value![1]!.ToJsonString()).Distinct().Count());
    }

    [Fact]
    public void EachGroupOfTwoNThreadsWorksOnItsOwnKey()
    {
        var workload = Workload(2, 8);
        var random = new Random(1);

        Assert.Equal([0, 0, 0, 0, 1, 1, 1, 1], Enumerable.Range(0, 8).Select(t => workload.Next(random, t, 0).Value![0]!.GetValue<long>()));
    }

    [Fact]
    public void AKeyIsGivenUpOnceMoreThanTwentyProcessesWorkedOnIt()
    {
        var workload = Workload(1, 2);
        var random = new Random(1);
        long KeyOf(int thread) => workload.Next(random, thread, 0).Value![0]!.GetValue<long>();

        // Processes 0 and 1, then 18 more on thread 0, each seen by the generator: 20 in all, still key 0.
        Assert.Equal(0, KeyOf(1));
        for (var p = 0; p < 36; p += 2)
        {
            workload.Observe(new Op(0, 0, OpType.Info, p, "write", null));
            Assert.Equal(0, KeyOf(1));
        }
        workload.Observe(new Op(0, 0, OpType.Info, 36, "write", null));
        Assert.Equal(1, KeyOf(1));
        Assert.Equal(1, KeyOf(0));
    }

    [Fact]
    public void RequestsAndCompletionsUseMaelstromsFieldsAndValues()
    {
        var client = LinKvClient.Instance;
        var cas = new Invocation("cas", JsonNode.Parse("[3,[1,2]]"));
        var read = new Invocation("read", JsonNode.Parse("[3,null]"));

        Assert.Equal("""{"type":"cas","key":3,"from":1,"to":2}""", client.Request(cas).ToJsonString());
        Assert.Equal("""{"type":"write","key":3,"value":4}""", client.Request(new Invocation("write", JsonNode.Parse("[3,4]"))).ToJsonString());
        Assert.Equal("[3,2]", client.Complete(read, JsonNode.Parse("""{"type":"read_ok","value":2,"in_reply_to":1}""")!.AsObject())!.ToJsonString());
        Assert.Equal("[3,[1,2]]", client.Complete(cas, JsonNode.Parse("""{"type":"cas_ok","in_reply_to":1}""")!.AsObject())!.ToJsonString());
    }

    [Fact]
    public void TheClientWaitsTenMeanLatenciesButAtLeastASecond()
    {
        Assert.Equal(TimeSpan.FromSeconds(1), Workload(1, 2, latency: 20).ClientTimeout);
        Assert.Equal(TimeSpan.FromSeconds(2), Workload(1, 2, latency: 200).ClientTimeout);
    }

    [Theory]
    [InlineData(3, 3)]
    [InlineData(3, 9)]
    public void ConcurrencyThatIsNotAMultipleOfTwoNIsRefused(int nodes, int concurrency)
    {
        var e = Assert.Throws<BenchException>(() => Workload(nodes, concurrency));
        Assert.Contains("multiple of 6", e.Message);
    }
}
