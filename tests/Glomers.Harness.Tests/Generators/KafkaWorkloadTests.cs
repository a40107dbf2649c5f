using System.Text.Json.Nodes;
using Glomers.Harness.Cli;
using Glomers.Harness.History;
using Glomers.Harness.Workloads;
using Glomers.Harness.Workloads.Kafka;

namespace Glomers.Harness.Tests.Generators;

/// <summary>Maelstrom's kafka generator: the op mix, crashes, assigns that chase unseen keys, and the final polls.</summary>
public sealed class KafkaWorkloadTests
{
    private const long Ms = 1_000_000;

    private static KafkaWorkload Workload(int concurrency = 4) => new(new TestOptions { Workload = "kafka", Concurrency = concurrency });

    private static Op Ok(string f, string value, int process = 0) => new(0, 0, OpType.Ok, process, f, JsonNode.Parse(value));

    /// <summary>The main phase's ops at one per millisecond, each completed ok by a log that acknowledges sends in order.</summary>
    private static List<Invocation> Run(KafkaWorkload workload, int count, int seed = 3)
    {
        var random = new Random(seed);
        var ops = new List<Invocation>();
        for (var i = 0; i < count; i++) ops.Add(workload.Next(random, i % 4, i * Ms));
        return ops;
    }

    [Fact]
    public void TheMixIsPollsAndSendsWithAnAssignInSixtyFourAndACrashEveryThirtySecondsPerConcurrency()
    {
        var ops = Run(Workload(concurrency: 4), 120_000);
        var byF = ops.GroupBy(o => o.F).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(KafkaOps.Crash, ops[0].F);
        // 120 s at one crash per 7.5 s on average.
        Assert.InRange(byF[KafkaOps.Crash], 10, 23);
        Assert.InRange(byF[KafkaOps.Assign] / (double)ops.Count, 1 / 64.0 - 0.002, 1 / 64.0 + 0.002);
        // Retired keys are drawn again, and half of those draws are reads: a few more polls than sends.
        Assert.InRange(byF[KafkaOps.Poll] / (double)(byF[KafkaOps.Poll] + byF[KafkaOps.Send]), 0.5, 0.53);
        var crashTimes = ops.Select((o, i) => (o, i)).Where(x => x.o.F == KafkaOps.Crash).Select(x => x.i).ToList();
        Assert.All(crashTimes.Zip(crashTimes.Skip(1)), p => Assert.InRange(p.Second - p.First, 1, 15_000));
    }

    [Fact]
    public void SendsAreStringKeysWithValuesOneToSixteenPerKey()
    {
        var sends = Run(Workload(), 20_000).Where(o => o.F == KafkaOps.Send).Select(o => (JsonArray)o.Value![0]!).ToList();

        Assert.All(sends, s => Assert.Equal(3, s.Count));
        foreach (var key in sends.GroupBy(s => s[1]!.GetValue<string>()))
        {
            Assert.True(long.TryParse(key.Key, out _));
            Assert.Equal(Enumerable.Range(1, key.Count()).Select(v => (long)v), key.Select(s => s[2]!.GetValue<long>()));
            Assert.True(key.Count() <= 16);
        }
        Assert.Equal("""[["poll"]]""", Run(Workload(), 50).First(o => o.F == KafkaOps.Poll).Value!.ToJsonString());
    }

    [Fact]
    public void AboutAThirdOfAssignsTakeInKeysSentButNotPolledUntilAPollCatchesUp()
    {
        var workload = Workload();
        workload.Observe(Ok(KafkaOps.Send, """[["send","77",[3,1]]]"""));
        var assigns = Run(workload, 60_000).Where(o => o.F == KafkaOps.Assign).ToList();
        var chasing = assigns.Where(a => a.Value!.AsArray().Count == 2).ToList();

        Assert.InRange(chasing.Count / (double)assigns.Count, 0.25, 0.42);
        Assert.All(chasing, a => Assert.Equal("77", (string)a.Value![0]!));
        Assert.Equal("""{"77":{"polled":-1,"sent":3}}""", chasing[0].Fields!["unseen"]!.ToJsonString());

        workload.Observe(Ok(KafkaOps.Poll, """[["poll",{"77":[[2,9],[3,1]]}]]"""));
        Assert.DoesNotContain(Run(workload, 30_000, seed: 4), o => o.F == KafkaOps.Assign && o.Value!.AsArray().Any(k => (string)k! == "77"));
    }

    [Fact]
    public void KnownOffsetsAreTheHighestOfOkSendsAndPolls()
    {
        var workload = Workload();
        workload.Observe(Ok(KafkaOps.Send, """[["send","10",[4,1]]]"""));
        workload.Observe(Ok(KafkaOps.Send, """[["send","10",[2,2]]]"""));
        workload.Observe(Ok(KafkaOps.Poll, """[["poll",{"10":[[0,5],[6,6]],"9":[[1,1]],"8":[]}]]"""));
        workload.Observe(new Op(0, 0, OpType.Info, 0, KafkaOps.Send, JsonNode.Parse("""[["send","2",9]]""")));

        Assert.Equal([("8", -1L), ("9", 1L), ("10", 6L)], workload.KnownOffsets.Select(kv => (kv.Key, kv.Value)));
    }

    /// <summary>A worker whose ops take 1 ms; a poll sees each key up to <see cref="Reach"/> (nothing when it is empty).</summary>
    private sealed class FinalWorker(int thread) : IFinalWorker
    {
        public Dictionary<string, long> Reach { get; } = [];
        public List<Invocation> Ops { get; } = [];
        public int Thread { get; } = thread;
        public long Now { get; private set; }
        public Random Random { get; } = new(1);

        public Task<Op> ExecuteAsync(Invocation op)
        {
            Ops.Add(op);
            Now += Ms;
            var value = op.F == KafkaOps.Poll
                ? new JsonArray(new JsonArray(KafkaOps.Poll, new JsonObject(Reach.Select(kv =>
                    KeyValuePair.Create(kv.Key, (JsonNode?)new JsonArray(new JsonArray(kv.Value, 1)))))))
                : op.Value?.DeepClone();
            return Task.FromResult(new Op(0, Now, op.F == KafkaOps.Crash ? OpType.Info : OpType.Ok, Thread, op.F, value));
        }

        public Task DelayUntil(long time)
        {
            Now = Math.Max(Now, time);
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task FinalPhaseCrashesAssignsEveryKnownKeyFromTheStartAndPollsUntilCaughtUp()
    {
        var workload = Workload();
        workload.Observe(Ok(KafkaOps.Send, """[["send","10",[4,1]]]"""));
        workload.Observe(Ok(KafkaOps.Send, """[["send","9",[2,1]]]"""));
        var worker = new FinalWorker(0);
        worker.Reach["9"] = 2;
        worker.Reach["10"] = 3;

        var final = workload.RunFinalAsync(worker);
        // Polls go on while key 10 is short of offset 4 ...
        Assert.True(final.IsCompleted);
        Assert.Equal(KafkaOps.Crash, worker.Ops[0].F);
        Assert.Equal(("""["9","10"]""", true), (worker.Ops[1].Value!.ToJsonString(), (bool)worker.Ops[1].Fields!["seek-to-beginning?"]!));
        // ... until the 10 s limit: polls about every 0.2 s.
        var polls = worker.Ops.Count(o => o.F == KafkaOps.Poll);
        Assert.InRange(polls, 35, 70);
        Assert.InRange(worker.Now, 9_800 * Ms, 10_001 * Ms);

        var caughtUp = new FinalWorker(1);
        caughtUp.Reach["9"] = 2;
        caughtUp.Reach["10"] = 4;
        await workload.RunFinalAsync(caughtUp);
        Assert.Equal([KafkaOps.Crash, KafkaOps.Assign, KafkaOps.Poll], caughtUp.Ops.Select(o => o.F));
        await final;
    }

    [Fact]
    public async Task NoKnownOffsetsNoFinalOps()
    {
        var worker = new FinalWorker(0);
        await Workload().RunFinalAsync(worker);

        Assert.Empty(worker.Ops);
    }
}
