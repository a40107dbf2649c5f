using Glomers.Harness.Cli;
using Glomers.Harness.Core;

namespace Glomers.Harness.Tests.Bench;

/// <summary>The command line for kafka, txn-rw-register and lin-kv: the workload names, their flags, and lin-kv's concurrency rule.</summary>
public sealed class NewWorkloadFlagsTests
{
    private static readonly string Bin = typeof(NewWorkloadFlagsTests).Assembly.Location;

    [Theory]
    [InlineData("kafka")]
    [InlineData("txn-rw-register")]
    [InlineData("lin-kv")]
    public void TheNewWorkloadsAreKnownAndListedInTheHelp(string workload)
    {
        Assert.Equal(workload, CommandLine.ParseTest(["-w", workload, "--bin", Bin]).Workload);
        Assert.Contains(workload, CommandLine.Help);
    }

    [Theory]
    [InlineData("read-committed , serializable")]
    [InlineData("read-committed,serializable")]
    public void ConsistencyModelsTakeMaelstromsSpacedCommasAndPlainOnes(string models)
    {
        var o = CommandLine.ParseTest(["-w", "txn-rw-register", "--bin", Bin, "--consistency-models", models]);

        Assert.Equal(["read-committed", "serializable"], o.ConsistencyModels);
    }

    [Fact]
    public void TxnFlagsReachTheGenerator()
    {
        var o = CommandLine.ParseTest(["-w", "txn-rw-register", "--bin", Bin, "--key-count", "2", "--max-txn-length", "1", "--max-writes-per-key", "3"]);
        var workload = Harness.Workloads.WorkloadCatalog.Create(o.Workload, o);
        var random = new Random(4);

        var txns = Enumerable.Range(0, 40).Select(_ => workload.Next(random, 0, 0).Value!.AsArray()).ToList();

        Assert.All(txns, t => Assert.Single(t));
        var writes = txns.Select(t => t[0]!.AsArray()).Where(m => (string)m[0]! == "w").ToList();
        Assert.All(writes.GroupBy(m => (long)m[1]!), g => Assert.Equal(Enumerable.Range(1, g.Count()).Select(v => (long)v), g.Select(m => (long)m[2]!)));
        Assert.All(writes.GroupBy(m => (long)m[1]!), g => Assert.True(g.Count() <= 3));
        Assert.True(writes.Select(m => (long)m[1]!).Distinct().Count() > 2);
    }

    [Fact]
    public void LinKvAtTheDefaultConcurrencyIsABenchErrorBeforeAnythingIsStored()
    {
        var store = Path.Combine(Path.GetTempPath(), "glomers-flags", Guid.NewGuid().ToString("N"));
        var o = CommandLine.ParseTest(["-w", "lin-kv", "--bin", Bin, "--node-count", "3", "--store", store]);

        var e = Assert.Throws<BenchException>(() => TestCommand.Execute(o, null));
        Assert.Contains("multiple of 6", e.Message);
        Assert.False(Directory.Exists(store));
    }
}
