using Glomers.Harness.Cli;
using Glomers.Harness.Core;

namespace Glomers.Harness.Tests.Bench;

public sealed class CommandLineTests
{
    // Any existing file will do for --bin: parsing only checks that it exists.
    private static readonly string Bin = typeof(CommandLineTests).Assembly.Location;

    private static TestOptions Parse(params string[] flags) => CommandLine.ParseTest(["-w", "echo", "--bin", Bin, .. flags]);

    [Fact]
    public void DefaultsAreMaelstroms()
    {
        var o = Parse();
        Assert.Equal("echo", o.Workload);
        Assert.Equal(5, o.NodeCount);
        Assert.Equal(["n1", "n2", "n3", "n4", "n5"], o.NodeIds);
        Assert.Equal(60, o.TimeLimit);
        Assert.Equal(5, o.Rate);
        Assert.Equal(5, o.Concurrency);
        Assert.Equal(0, o.LatencyMs);
        Assert.Equal(LatencyDist.Constant, o.LatencyDist);
        Assert.Empty(o.Nemesis);
        Assert.Equal(10, o.NemesisInterval);
        Assert.Equal("grid", o.Topology);
        Assert.Null(o.Availability);
        Assert.False(o.AvailabilityTotal);
        Assert.Equal(["strict-serializable"], o.ConsistencyModels);
        Assert.Null(o.KeyCount);
        Assert.Equal(4, o.MaxTxnLength);
        Assert.Equal(16, o.MaxWritesPerKey);
        Assert.False(o.LogStderr || o.LogNetSend || o.LogNetRecv);
        Assert.Equal(RunMode.Process, o.Mode);
        Assert.Equal(10, o.RecoveryTime);
        Assert.Equal("store", o.StoreRoot);
        Assert.Empty(o.BinArgs);
        Assert.InRange(o.Seed, 1, 1_000_000_000);
    }

    [Fact]
    public void EveryFlagIsRead()
    {
        var o = CommandLine.ParseTest([
            "--workload", "broadcast", "--bin", Bin, "--node-count", "3", "--time-limit", "2.5", "--rate", "0",
            "--concurrency", "7", "--latency", "100", "--latency-dist", "exponential", "--nemesis", "partition",
            "--nemesis-interval", "0.5", "--topology", "tree3", "--availability", "0.75", "--consistency-models", "linearizable,serializable",
            "--key-count", "9", "--max-txn-length", "2", "--max-writes-per-key", "3", "--log-stderr", "--log-net-send", "--log-net-recv",
            "--seed", "-42", "--mode", "process", "--recovery-time", "0", "--store", "/tmp/s", "--", "--kind", "x", "--rate", "oops"]);
        Assert.Equal("broadcast", o.Workload);
        Assert.Equal(3, o.NodeCount);
        Assert.Equal(["n0", "n1", "n2"], o.NodeIds);
        Assert.Equal(2.5, o.TimeLimit);
        Assert.Equal(0, o.Rate);
        Assert.Equal(7, o.Concurrency);
        Assert.Equal(100, o.LatencyMs);
        Assert.Equal(LatencyDist.Exponential, o.LatencyDist);
        Assert.Equal(["partition"], o.Nemesis);
        Assert.Equal(0.5, o.NemesisInterval);
        Assert.Equal("tree3", o.Topology);
        Assert.Equal(0.75, o.Availability);
        Assert.False(o.AvailabilityTotal);
        Assert.Equal(["linearizable", "serializable"], o.ConsistencyModels);
        Assert.Equal(9, o.KeyCount);
        Assert.Equal(2, o.MaxTxnLength);
        Assert.Equal(3, o.MaxWritesPerKey);
        Assert.True(o.LogStderr && o.LogNetSend && o.LogNetRecv);
        Assert.Equal(-42, o.Seed);
        Assert.Equal(0, o.RecoveryTime);
        Assert.Equal("/tmp/s", o.StoreRoot);
        // Everything after -- belongs to the binary, even what looks like a bench flag.
        Assert.Equal(["--kind", "x", "--rate", "oops"], o.BinArgs);
    }

    [Fact]
    public void InlineValuesAndTotalAvailabilityAreRead()
    {
        var o = Parse("--node-count=2", "--availability", "total", "--latency-dist=uniform");
        Assert.Equal(2, o.NodeCount);
        Assert.Equal(1.0, o.Availability);
        Assert.True(o.AvailabilityTotal);
        Assert.Equal(LatencyDist.Uniform, o.LatencyDist);
    }

    [Theory]
    [InlineData("2n", 3, 6)]
    [InlineData("1n", 4, 4)]
    [InlineData("5", 3, 5)]
    public void ConcurrencyIsAbsoluteOrPerNode(string value, int nodes, int expected) =>
        Assert.Equal(expected, Parse("--node-count", nodes.ToString(System.Globalization.CultureInfo.InvariantCulture), "--concurrency", value).Concurrency);

    [Fact]
    public void PerNodeConcurrencyUsesTheNodeCountGivenAfterIt() =>
        Assert.Equal(8, Parse("--concurrency", "2n", "--node-count", "4").Concurrency);

    [Theory]
    [InlineData("--node-count", "0")]
    [InlineData("--node-count", "-1")]
    [InlineData("--node-count", "two")]
    [InlineData("--time-limit", "-1")]
    [InlineData("--time-limit", "NaN")]
    [InlineData("--rate", "fast")]
    [InlineData("--rate", "Infinity")]
    [InlineData("--concurrency", "0")]
    [InlineData("--concurrency", "0n")]
    [InlineData("--concurrency", "n")]
    [InlineData("--concurrency", "-2n")]
    [InlineData("--latency", "-5")]
    [InlineData("--latency-dist", "normal")]
    [InlineData("--nemesis", "partition,explode")]
    [InlineData("--nemesis-interval", "0")]
    [InlineData("--topology", "star")]
    [InlineData("--availability", "1.5")]
    [InlineData("--availability", "most")]
    [InlineData("--consistency-models", "linearizable,magic")]
    [InlineData("--key-count", "0")]
    [InlineData("--max-txn-length", "1.5")]
    [InlineData("--max-writes-per-key", "x")]
    [InlineData("--seed", "1.5")]
    [InlineData("--mode", "simulated")]
    [InlineData("--recovery-time", "-1")]
    [InlineData("--workload", "txn-list-append")]
    public void BadValueNamesItsFlag(string flag, string value)
    {
        var e = Assert.Throws<BenchException>(() => Parse(flag, value));
        Assert.StartsWith(flag + ":", e.Message);
        Assert.Contains(value.Split(',')[^1], e.Message);
    }

    [Theory]
    [InlineData("--rate")]
    [InlineData("--store")]
    [InlineData("--seed")]
    public void FlagWithoutValueNamesItsFlag(string flag) =>
        Assert.Equal($"{flag} needs a value", Assert.Throws<BenchException>(() => Parse(flag)).Message);

    [Fact]
    public void UnknownFlagAndStrayArgumentAreRejected()
    {
        Assert.Contains("unknown flag --speed", Assert.Throws<BenchException>(() => Parse("--speed", "3")).Message);
        Assert.Contains("unexpected argument 'extra'", Assert.Throws<BenchException>(() => Parse("extra")).Message);
    }

    [Fact]
    public void WorkloadAndAnExistingBinAreRequired()
    {
        Assert.Equal("--workload is required (known: echo, unique-ids, broadcast, g-set, g-counter, pn-counter, kafka, txn-rw-register, lin-kv)",
            Assert.Throws<BenchException>(() => CommandLine.ParseTest(["--bin", Bin])).Message);
        Assert.Contains("--bin is required", Assert.Throws<BenchException>(() => CommandLine.ParseTest(["-w", "echo"])).Message);
        Assert.StartsWith("--bin: no such file", Assert.Throws<BenchException>(() => CommandLine.ParseTest(["-w", "echo", "--bin", "/no/such/node"])).Message);
    }
}
