using System.Text.Json.Nodes;
using Glomers.Harness.Checkers;
using Glomers.Harness.Cli;
using Glomers.Harness.Workloads;

namespace Glomers.Harness.Tests.Checkers;

public class ResultComposerTests
{
    private sealed class Fixed(Validity valid) : IChecker
    {
        public CheckResult Check(CheckInput input) => new(valid, new JsonObject { ["note"] = "fixed" });
    }

    private sealed class Broken : IChecker
    {
        public CheckResult Check(CheckInput input) => throw new InvalidDataException("history is not well formed");
    }

    [Theory]
    [InlineData(Validity.True, Validity.True, Validity.True)]
    [InlineData(Validity.True, Validity.Unknown, Validity.Unknown)]
    [InlineData(Validity.Unknown, Validity.False, Validity.False)]
    [InlineData(Validity.False, Validity.Unknown, Validity.False)]
    [InlineData(Validity.False, Validity.True, Validity.False)]
    public void MergeOrderIsFalseThenUnknownThenTrue(Validity a, Validity b, Validity merged)
    {
        Assert.Equal(merged, a.Merge(b));
        Assert.Equal(merged, b.Merge(a));
    }

    [Fact]
    public void ResultsHaveMaelstromsStructure()
    {
        var input = new HistoryBuilder().Invoke(0, "echo", "a").Ok(0, new JsonObject { ["type"] = "echo_ok", ["echo"] = "a" }).Input();

        var results = ResultComposer.Compose(WorkloadCatalog.Checker("echo"), input).ToJson();

        Assert.True(results["valid?"]!.GetValue<bool>());
        foreach (var key in new[] { "workload", "stats", "net", "availability", "exceptions" })
            Assert.True(results[key]!["valid?"]!.GetValue<bool>(), key);
        Assert.Equal("[]", results["workload"]!["errors"]!.ToJsonString());
    }

    [Fact]
    public void UnknownWorkloadMakesTheTestUnknown()
    {
        var results = ResultComposer.Compose(new Fixed(Validity.Unknown), new HistoryBuilder().Done(0, "echo", "a").Input()).ToJson();

        Assert.Equal("unknown", results["valid?"]!.GetValue<string>());
        Assert.Equal("fixed", results["workload"]!["note"]!.GetValue<string>());
    }

    [Fact]
    public void FailingAlwaysOnCheckerBeatsUnknownWorkload()
    {
        var input = new HistoryBuilder().Invoke(0, "echo", "a").Info(0).Input(new TestOptions { Availability = 1.0, AvailabilityTotal = true });

        var result = ResultComposer.Compose(new Fixed(Validity.Unknown), input);

        Assert.Equal(Validity.False, result.Valid);
        Assert.False(result.ToJson()["stats"]!["valid?"]!.GetValue<bool>());
        Assert.False(result.ToJson()["availability"]!["valid?"]!.GetValue<bool>());
    }

    [Fact]
    public void CheckerThatThrowsIsUnknownWithItsError()
    {
        var results = ResultComposer.Compose(new Broken(), new HistoryBuilder().Done(0, "echo", "a").Input()).ToJson();

        Assert.Equal("unknown", results["valid?"]!.GetValue<string>());
        Assert.Contains("history is not well formed", results["workload"]!["error"]!.GetValue<string>());
        Assert.True(results["stats"]!["valid?"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("echo", typeof(EchoChecker))]
    [InlineData("unique-ids", typeof(UniqueIdsChecker))]
    [InlineData("broadcast", typeof(SetFullChecker))]
    [InlineData("g-set", typeof(SetFullChecker))]
    [InlineData("g-counter", typeof(CounterChecker))]
    [InlineData("pn-counter", typeof(CounterChecker))]
    [InlineData("lin-kv", typeof(Glomers.Harness.Checkers.Linearizable.LinearizableChecker))]
    [InlineData("kafka", typeof(Glomers.Harness.Checkers.Kafka.KafkaChecker))]
    [InlineData("txn-rw-register", typeof(Glomers.Harness.Checkers.Txn.TxnChecker))]
    public void EachWorkloadHasItsChecker(string workload, Type checker) =>
        Assert.IsType(checker, WorkloadCatalog.Checker(workload));

    [Fact]
    public void UnknownWorkloadNameIsRejectedByName()
    {
        var e = Assert.Throws<ArgumentException>(() => WorkloadCatalog.Checker("no-such-workload"));
        Assert.Contains("no-such-workload", e.Message);
    }
}
