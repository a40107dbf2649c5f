namespace Glomers.Harness.Tests.Sim;

public class DeterminismTests
{
    // Every workload the bench has, each on a node built here (g-set on a node that answers it with
    // errors, which is still a run with traffic and a history).
    [Theory]
    [InlineData("echo", "Echo")]
    [InlineData("unique-ids", "UniqueIds")]
    [InlineData("broadcast", "FloodBroadcast")]
    [InlineData("g-set", "LocalCounter")]
    [InlineData("g-counter", "GCounter")]
    [InlineData("pn-counter", "GCounter")]
    public void SameSeedGivesByteIdenticalHistoryAndMessages(string workload, string node)
    {
        string[] flags = ["--node-count", "3", "--time-limit", "5", "--rate", "40", "--latency", "20", "--latency-dist", "exponential",
            "--recovery-time", "2", "--nemesis", "partition,one-way,pause,kill,duplicate", "--nemesis-interval", "1",
            // Every fault strikes at once when the main phase starts: enough workers that ops still flow past the timeouts.
            "--concurrency", "10n"];
        var first = SimBench.Execute(SimBench.Options(workload, node, "sim", 11, flags));
        var second = SimBench.Execute(SimBench.Options(workload, node, "sim", 11, flags));

        Assert.True(first.HistoryOps.Count(o => SimBench.Run.Text(o, "type") == "invoke") > 20);
        Assert.Equal(first.History, second.History);
        Assert.Equal(first.Messages, second.Messages);
    }

    // The three workloads with stateful generators and clients, at Maelstrom's --concurrency 2n, with
    // faults that make clients time out, crash and reopen (kafka's final phase loops on top of that).
    [Theory]
    [InlineData("kafka", "KafkaOwner")]
    [InlineData("txn-rw-register", "TxnSerial")]
    [InlineData("lin-kv", "LinKvOwner")]
    public void StatefulWorkloadsGiveByteIdenticalHistoriesToo(string workload, string node)
    {
        string[] flags = ["--node-count", "3", "--concurrency", "2n", "--time-limit", "10", "--rate", "100", "--latency", "10",
            "--latency-dist", "exponential", "--recovery-time", "1", "--nemesis", "partition,kill,duplicate", "--nemesis-interval", "3"];
        var first = SimBench.Execute(SimBench.Options(workload, node, "sim", 12, flags));
        var second = SimBench.Execute(SimBench.Options(workload, node, "sim", 12, flags));

        Assert.True(first.HistoryOps.Count(o => SimBench.Run.Text(o, "type") == "invoke") > 200);
        Assert.Contains(first.HistoryOps, o => SimBench.Run.Text(o, "type") == "info");
        Assert.Equal(first.History, second.History);
        Assert.Equal(first.Messages, second.Messages);
    }

    // A busy machine: steady (--busy) or as a fault among the others; its costs and stalls come from streams of the seed.
    [Theory]
    [InlineData("broadcast", "FloodBroadcast", "--busy --nemesis partition,pause,kill")]
    [InlineData("broadcast", "FloodBroadcast", "--nemesis partition,pause,kill,duplicate,slow")]
    [InlineData("g-counter", "GCounter", "--nemesis partition,one-way,pause,kill,slow")]
    [InlineData("kafka", "KafkaOwner", "--busy --nemesis partition,kill")]
    public void SlowMachinesGiveByteIdenticalRunsToo(string workload, string node, string faults)
    {
        string[] flags = ["--node-count", "3", "--concurrency", "2n", "--time-limit", "6", "--rate", "60", "--latency", "10",
            "--latency-dist", "exponential", "--recovery-time", "2", "--nemesis-interval", "1", "--slow-cost", "2", "--slow-stall", "60",
            "--slow-stalls", "3", .. faults.Split(' ')];
        var first = SimBench.Execute(SimBench.Options(workload, node, "sim", 13, flags));
        var second = SimBench.Execute(SimBench.Options(workload, node, "sim", 13, flags));
        var plain = SimBench.Execute(SimBench.Options(workload, node, "sim", 13, [.. flags.Where(f => f != "--busy").Select(f => f.Replace(",slow", ""))]));

        Assert.True(first.HistoryOps.Count(o => SimBench.Run.Text(o, "type") == "invoke") > 100);
        Assert.Equal(first.History, second.History);
        Assert.Equal(first.Messages, second.Messages);
        // The model did something: the same seed without it gives another run.
        Assert.NotEqual(first.Messages, plain.Messages);
    }

    [Fact]
    public void DifferentSeedsGiveDifferentRuns()
    {
        string[] flags = ["--node-count", "3", "--time-limit", "3", "--rate", "40", "--latency", "20", "--latency-dist", "uniform", "--recovery-time", "1"];
        var a = SimBench.Execute(SimBench.Options("g-counter", "GCounter", "sim", 1, flags));
        var b = SimBench.Execute(SimBench.Options("g-counter", "GCounter", "sim", 2, flags));

        Assert.NotEqual(a.History, b.History);
    }

    [Fact]
    public void NodeLogsCarryVirtualTimestamps()
    {
        var run = SimBench.Execute(SimBench.Options("g-counter", "GCounter", "sim", 5, "--node-count", "2", "--time-limit", "1", "--recovery-time", "1"));

        var log = File.ReadAllText(Path.Combine(run.Directory, "node-logs", "n0.log"));
        // The virtual clock starts at midnight, so the init line is stamped 00:00:00.
        Assert.StartsWith("00:00:00.", log);
        Assert.Contains("Node n0 initialised", log);
    }
}
