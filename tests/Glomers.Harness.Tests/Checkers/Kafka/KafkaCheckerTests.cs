using System.Text.Json.Nodes;
using Glomers.Harness.Checkers;
using Glomers.Harness.Checkers.Kafka;
using Glomers.Harness.Workloads;

namespace Glomers.Harness.Tests.Checkers.Kafka;

/// <summary>Each error type of the kafka checker on a small history that shows it, and on its clean twin.</summary>
public class KafkaCheckerTests
{
    private static readonly KafkaChecker Checker = new();

    private static CheckResult Check(HistoryBuilder h) => h.Check(Checker);

    private static string[] Types(CheckResult r, string field = "error-types") =>
        [.. r.Details[field]!.AsArray().Select(n => n!.GetValue<string>())];

    private static int Count(CheckResult r, string type) => r.Details[type]!["count"]!.GetValue<int>();

    private static JsonObject FirstErr(CheckResult r, string type) => r.Details[type]!["errs"]![0]!.AsObject();

    private static string Json(JsonNode? n) => n?.ToJsonString() ?? "null";

    private static void AssertClean(CheckResult r)
    {
        Assert.Equal(Validity.True, r.Valid);
        Assert.Empty(Types(r));
        Assert.Empty(Types(r, "bad-error-types"));
    }

    private static void AssertOnly(CheckResult r, params string[] types)
    {
        Assert.Equal(Validity.False, r.Valid);
        Assert.Equal(types, Types(r));
        Assert.Equal(types, Types(r, "bad-error-types"));
    }

    /// <summary>Key "a" holds 1, 2, 3 at offsets 0, 1, 2, sent by process 0.</summary>
    private static HistoryBuilder ThreeSends() => new HistoryBuilder().Send(0, "a", 1, 0).Send(0, "a", 2, 1).Send(0, "a", 3, 2);

    [Fact]
    public void DuplicateValueAtTwoOffsets()
    {
        var r = Check(new HistoryBuilder().Send(0, "a", 1, 0).Send(3, "a", 2, 1)
            .Poll(1, ("a", [(0, 1)]))
            .Poll(4, ("a", [(1, 2)]))
            .Poll(2, ("a", [(2, 1)])));

        AssertOnly(r, "duplicate");
        Assert.Equal(1, Count(r, "duplicate"));
        Assert.Equal("""{"key":"a","value":1,"count":2,"offsets":[0,2]}""", Json(FirstErr(r, "duplicate")));
    }

    [Fact]
    public void DuplicateMovesTheValueToItsLastOffset()
    {
        // As in kafka.clj, a duplicated value takes the index of its last offset, so the process that
        // sent 1 then 2, and the poll that read them in offset order, now look nonmonotonic too.
        var r = Check(new HistoryBuilder().Send(0, "a", 1, 0).Send(0, "a", 2, 1)
            .Poll(1, ("a", [(0, 1), (1, 2)]))
            .Poll(2, ("a", [(2, 1)])));

        AssertOnly(r, "duplicate", "int-nonmonotonic-poll", "nonmonotonic-send");
        Assert.Equal(1, Count(r, "int-nonmonotonic-poll"));
        Assert.Equal(1, Count(r, "nonmonotonic-send"));
    }

    [Fact]
    public void DistinctValuesAreNoDuplicate() =>
        AssertClean(Check(ThreeSends().Poll(1, ("a", [(0, 1), (1, 2)])).Poll(2, ("a", [(2, 3)]))));

    [Fact]
    public void TwoValuesAtOneOffsetAreInconsistent()
    {
        var r = Check(new HistoryBuilder().Send(0, "a", 1, 0).Send(2, "a", 2, 0)
            .Poll(1, ("a", [(0, 1)]))
            .Poll(3, ("a", [(0, 2)])));

        AssertOnly(r, "inconsistent-offsets");
        Assert.Equal(1, Count(r, "inconsistent-offsets"));
        Assert.Equal("""{"key":"a","offset":0,"index":0,"values":[1,2]}""", Json(FirstErr(r, "inconsistent-offsets")));
    }

    [Fact]
    public void OneValuePerOffsetIsConsistent() =>
        AssertClean(Check(new HistoryBuilder().Send(0, "a", 1, 0).Send(2, "a", 2, 1)
            .Poll(1, ("a", [(0, 1)])).Poll(3, ("a", [(1, 2)]))));

    [Fact]
    public void AcknowledgedSendBelowARead_ButNeverRead_IsLost()
    {
        var r = Check(ThreeSends().Poll(1, ("a", [(0, 1)])).Poll(2, ("a", [(2, 3)])));

        AssertOnly(r, "lost-write", "unseen");
        Assert.Equal(1, Count(r, "lost-write"));
        var err = FirstErr(r, "lost-write");
        Assert.Equal("2", Json(err["value"]));
        Assert.Equal("1", Json(err["index"]));
        Assert.Equal("2", Json(err["max-read-index"]));
        Assert.Equal(3, err["writer"]!["index"]!.GetValue<long>());
    }

    [Fact]
    public void EverySendBelowTheHighestReadWasRead() =>
        AssertClean(Check(ThreeSends().Poll(1, ("a", [(0, 1)])).Poll(2, ("a", [(2, 3)])).Poll(3, ("a", [(1, 2)]))));

    [Fact]
    public void UnprovenIndefiniteSendIsNotLost()
    {
        // The timed-out send of 2 never shows up: it may never have happened.
        var r = Check(new HistoryBuilder().Send(0, "a", 1, 0).SendTimesOut(0, "a", 2).Send(4, "a", 3, 2)
            .Poll(1, ("a", [(0, 1)])).Poll(2, ("a", [(2, 3)])));

        AssertClean(r);
        Assert.Equal("""["net-timeout"]""", Json(r.Details["info-txn-causes"]));
    }

    [Fact]
    public void ReadOfAFailedSendIsG1a()
    {
        var r = Check(new HistoryBuilder().SendFails(0, "a", 5).Poll(1, ("a", [(0, 5)])).Poll(2));

        AssertOnly(r, "G1a");
        Assert.Equal(1, Count(r, "G1a"));
        Assert.Equal("fail", FirstErr(r, "G1a")["writer"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public void ReadOfAnIndefiniteSendIsFine() =>
        AssertClean(Check(new HistoryBuilder().SendTimesOut(0, "a", 5).Poll(1, ("a", [(0, 5)])).Poll(2)));

    [Fact]
    public void KeyFirstPolledByTheLastOpCountsAsUnseen()
    {
        // kafka.clj's unseen merges the polled set in as if it were sent when no earlier op touched the key.
        var r = Check(new HistoryBuilder().SendTimesOut(0, "a", 5).Poll(1, ("a", [(0, 5)])));

        AssertOnly(r, "unseen");
        Assert.Equal("""{"a":1}""", Json(r.Details["unseen"]!["unseen"]));
    }

    [Fact]
    public void TransactionReadingItsOwnSendIsPrecommitted()
    {
        var r = Check(new HistoryBuilder().Txn(0, KafkaHistoryBuilder.SentMop("a", 1, 0), KafkaHistoryBuilder.PollMop(("a", [(0, 1)])))
            .Poll(1, ("a", [(0, 1)])));

        AssertOnly(r, "precommitted-read");
        Assert.Equal(1, Count(r, "precommitted-read"));
    }

    [Fact]
    public void TransactionReadingOthersSendsIsFine() =>
        AssertClean(Check(new HistoryBuilder().Send(1, "b", 7, 0)
            .Txn(0, KafkaHistoryBuilder.SentMop("a", 1, 0), KafkaHistoryBuilder.PollMop(("b", [(0, 7)])))
            .Poll(2, ("a", [(0, 1)]))));

    [Fact]
    public void ProcessJumpingOverAnOffsetSkips()
    {
        var r = Check(ThreeSends().Poll(1, ("a", [(0, 1)])).Poll(1, ("a", [(2, 3)])).Poll(2, ("a", [(1, 2)])));

        AssertOnly(r, "poll-skip");
        Assert.Equal(1, Count(r, "poll-skip"));
        var err = FirstErr(r, "poll-skip");
        Assert.Equal("2", Json(err["delta"]));
        Assert.Equal("[2]", Json(err["skipped"]));
        Assert.Equal(2, err["ops"]!.AsArray().Count);
    }

    [Fact]
    public void ProcessReadingOnInOrderDoesNotSkip() =>
        AssertClean(Check(ThreeSends().Poll(1, ("a", [(0, 1)])).Poll(1, ("a", [(1, 2)])).Poll(1, ("a", [(2, 3)]))));

    [Fact]
    public void AssignThatDropsAKeyForgetsItsPosition() =>
        AssertClean(Check(ThreeSends().Poll(1, ("a", [(0, 1)])).Assign(1, "b").Poll(1, ("a", [(2, 3)])).Poll(2, ("a", [(1, 2)]))));

    [Fact]
    public void AssignThatKeepsAKeyKeepsItsPosition()
    {
        var r = Check(ThreeSends().Poll(1, ("a", [(0, 1)])).Assign(1, "a", "b").Poll(1, ("a", [(2, 3)])).Poll(2, ("a", [(1, 2)])));

        AssertOnly(r, "poll-skip");
        Assert.Equal(1, Count(r, "poll-skip"));
    }

    [Fact]
    public void ProcessReadingAgainWhatItReadIsNonmonotonic()
    {
        var r = Check(new HistoryBuilder().Send(0, "a", 1, 0).Send(0, "a", 2, 1)
            .Poll(1, ("a", [(0, 1), (1, 2)])).Poll(1, ("a", [(1, 2)])));

        AssertOnly(r, "nonmonotonic-poll");
        Assert.Equal(1, Count(r, "nonmonotonic-poll"));
        Assert.Equal("""[2,2]""", Json(FirstErr(r, "nonmonotonic-poll")["values"]));
        Assert.Equal("0", Json(FirstErr(r, "nonmonotonic-poll")["delta"]));
    }

    [Fact]
    public void ACrashedProcessStartsAfresh() =>
        // After a crash the worker polls as a new process (process + concurrency), so rereading is fine.
        AssertClean(Check(new HistoryBuilder().Send(0, "a", 1, 0).Send(0, "a", 2, 1)
            .Poll(1, ("a", [(0, 1), (1, 2)])).Crash(1).Poll(11, ("a", [(0, 1), (1, 2)]))));

    [Fact]
    public void ProcessSendingToAnEarlierOffsetIsNonmonotonic()
    {
        var r = Check(new HistoryBuilder().Send(0, "a", 2, 1).Send(0, "a", 1, 0).Poll(1, ("a", [(0, 1), (1, 2)])));

        AssertOnly(r, "nonmonotonic-send");
        Assert.Equal(1, Count(r, "nonmonotonic-send"));
        Assert.Equal("-1", Json(FirstErr(r, "nonmonotonic-send")["delta"]));
    }

    [Fact]
    public void ProcessSendingInOrderIsMonotonic() =>
        AssertClean(Check(new HistoryBuilder().Send(0, "a", 1, 0).Send(0, "a", 2, 1).Poll(1, ("a", [(0, 1), (1, 2)]))));

    [Fact]
    public void PollWithAGapSkipsInternally()
    {
        var r = Check(ThreeSends().Poll(1, ("a", [(0, 1), (2, 3)])).Poll(2, ("a", [(1, 2)])));

        AssertOnly(r, "int-poll-skip");
        Assert.Equal(1, Count(r, "int-poll-skip"));
        Assert.Equal("""{"key":"a","values":[1,3],"delta":2,"skipped":[2]}""",
            Json(new JsonObject(FirstErr(r, "int-poll-skip").Where(p => p.Key != "op").Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())))));
    }

    [Fact]
    public void PollWithoutGapsIsContiguous() =>
        AssertClean(Check(ThreeSends().Poll(1, ("a", [(0, 1), (1, 2), (2, 3)]))));

    [Fact]
    public void PollGoingBackwardsIsInternallyNonmonotonic()
    {
        var r = Check(new HistoryBuilder().Send(0, "a", 1, 0).Send(0, "a", 2, 1).Poll(1, ("a", [(1, 2), (0, 1)])));

        AssertOnly(r, "int-nonmonotonic-poll");
        Assert.Equal(1, Count(r, "int-nonmonotonic-poll"));
        Assert.Equal("-1", Json(FirstErr(r, "int-nonmonotonic-poll")["delta"]));
    }

    [Fact]
    public void TransactionSendsWithAGapSkipButAreAllowed()
    {
        var r = Check(new HistoryBuilder()
            .Txn(0, KafkaHistoryBuilder.SentMop("a", 1, 0), KafkaHistoryBuilder.SentMop("a", 3, 2))
            .Send(1, "a", 2, 1)
            .Poll(2, ("a", [(0, 1), (1, 2), (2, 3)])));

        Assert.Equal(Validity.True, r.Valid);
        Assert.Equal(["int-send-skip"], Types(r));
        Assert.Empty(Types(r, "bad-error-types"));
        Assert.Equal(1, Count(r, "int-send-skip"));
    }

    [Fact]
    public void TransactionSendsGoingBackwardsAreInternallyNonmonotonic()
    {
        var r = Check(new HistoryBuilder()
            .Txn(0, KafkaHistoryBuilder.SentMop("a", 2, 1), KafkaHistoryBuilder.SentMop("a", 1, 0))
            .Poll(2, ("a", [(0, 1), (1, 2)])));

        AssertOnly(r, "int-nonmonotonic-send");
        Assert.Equal(1, Count(r, "int-nonmonotonic-send"));
    }

    [Fact]
    public void TransactionSendsInOrderAreFine() =>
        AssertClean(Check(new HistoryBuilder()
            .Txn(0, KafkaHistoryBuilder.SentMop("a", 1, 0), KafkaHistoryBuilder.SentMop("a", 2, 1))
            .Poll(2, ("a", [(0, 1), (1, 2)]))));

    [Fact]
    public void AcknowledgedSendNeverPolledIsUnseen()
    {
        var r = Check(new HistoryBuilder().Send(0, "a", 1, 0).Send(0, "a", 2, 1).Poll(1, ("a", [(0, 1)])));

        AssertOnly(r, "unseen");
        Assert.Equal("""{"a":1}""", Json(r.Details["unseen"]!["unseen"]));
        Assert.Equal("""{"a":[2]}""", Json(r.Details["unseen"]!["messages"]));
        Assert.Equal(1, Count(r, "unseen"));
        // The time of the last ok send or poll, in nanoseconds as Maelstrom leaves it.
        Assert.Equal(5_000_000, r.Details["unseen"]!["time"]!.GetValue<long>());
    }

    [Fact]
    public void EveryAcknowledgedSendPolledLeavesNothingUnseen() =>
        AssertClean(Check(new HistoryBuilder().Send(0, "a", 1, 0).Send(0, "a", 2, 1).Poll(1, ("a", [(0, 1), (1, 2)]))));

    [Fact]
    public void PollReturningASendNotYetInvokedIsACycle()
    {
        var r = Check(new HistoryBuilder().Poll(1, ("a", [(0, 7)])).Send(0, "a", 7, 0));

        AssertOnly(r, "G1c-realtime", "strong-PL-2-cycle-exists");
        Assert.Equal(1, Count(r, "G1c-realtime"));
        Assert.Equal(1, Count(r, "strong-PL-2-cycle-exists"));
        // The component names completions by index: the poll's (1) and the send's (3).
        Assert.Equal("[1,3]", Json(FirstErr(r, "strong-PL-2-cycle-exists")["scc"]));
    }

    [Fact]
    public void PollReturningAnEarlierSendIsNoCycle() =>
        AssertClean(Check(new HistoryBuilder().Send(0, "a", 7, 0).Poll(1, ("a", [(0, 7)]))));

    [Fact]
    public void OverlappingFutureReadsFormOneComponent()
    {
        // Both polls finish before both sends begin: one strongly connected component.
        var r = Check(new HistoryBuilder()
            .Poll(1, ("a", [(0, 7)])).Poll(2, ("a", [(0, 7), (1, 8)]))
            .Send(0, "a", 7, 0).Send(0, "a", 8, 1)
            .At(100).Poll(3, ("b", [(0, 1)])).Send(4, "b", 1, 0));

        Assert.Equal(2, Count(r, "G1c-realtime"));
        Assert.Equal(2, Count(r, "strong-PL-2-cycle-exists"));
    }

    [Fact]
    public void RealtimeLagIsHowLongThePolledPositionHadBeenStale()
    {
        // Offset 0 exists from 1 ms; a poll of key a invoked at 100 ms that still sees nothing lags 99 ms.
        var r = Check(new HistoryBuilder().Send(0, "a", 1, 0).At(10).Assign(1, "a").At(100).Poll(1));

        Assert.Equal("""{"time":0.1,"process":1,"key":"a","lag":0.099}""", Json(r.Details["worst-realtime-lag"]));
    }

    [Fact]
    public void PollAtTheLogsEndHasNoLag()
    {
        var r = Check(new HistoryBuilder().Send(0, "a", 1, 0).At(10).Assign(1, "a").At(100).Poll(1, ("a", [(0, 1)])));

        AssertClean(r);
        Assert.Equal("""{"time":0.1,"process":1,"key":"a","lag":0}""", Json(r.Details["worst-realtime-lag"]));
    }

    [Fact]
    public void LoneTransactionHasAnEmptyTransactionGraph()
    {
        // Elle finds no edge between ops, so it cannot judge anything: Maelstrom reports that as an error.
        var r = Check(new HistoryBuilder().Txn(0, KafkaHistoryBuilder.SentMop("a", 1, 0), KafkaHistoryBuilder.PollMop(("b", []))));

        AssertOnly(r, "empty-transaction-graph", "unseen");
    }

    [Fact]
    public void EmptyHistoryHasAnEmptyTransactionGraph()
    {
        var r = Check(new HistoryBuilder());

        AssertOnly(r, "empty-transaction-graph");
        Assert.Equal(1, Count(r, "empty-transaction-graph"));
        Assert.Equal("""{"time":0,"lag":0}""", Json(r.Details["worst-realtime-lag"]));
    }

    [Fact]
    public void SampleIsBoundedButCountIsComplete()
    {
        var h = new HistoryBuilder();
        for (var i = 0; i <= 20; i++) h.Send(0, "a", i + 1, i);
        h.Poll(1, ("a", [.. Enumerable.Range(0, 11).Select(i => ((long)2 * i, (long)2 * i + 1))]));
        h.Poll(2, ("a", [.. Enumerable.Range(0, 21).Select(i => ((long)i, (long)i + 1))]));
        var r = Check(h);

        AssertOnly(r, "int-poll-skip");
        Assert.Equal(10, Count(r, "int-poll-skip"));
        Assert.Equal(8, r.Details["int-poll-skip"]!["errs"]!.AsArray().Count);
    }

    [Fact]
    public void MalformedOpsAreReportedNotThrown()
    {
        var r = Check(new HistoryBuilder()
            .Invoke(1, "poll", new JsonArray(new JsonArray("poll"))).Ok(1, "garbage")
            .Invoke(2, "poll", new JsonArray(new JsonArray("poll"))).Ok(2, JsonNode.Parse("""[["poll",{"a":[[0],"x"]}],[7],["poll",[1]]]"""))
            .Send(0, "a", 1, 0).Poll(3, ("a", [(0, 1)])));

        Assert.Equal(Validity.True, r.Valid);
        Assert.Equal(5, r.Details["malformed-count"]!.GetValue<int>());
    }

    [Fact]
    public void OffsetCommitsRecordedAsOpsChangeNothing()
    {
        // Maelstrom's client commits inside a poll; a bench that records the RPCs as ops of their own
        // must not disturb the analysis.
        var r = Check(ThreeSends()
            .Poll(1, ("a", [(0, 1)]))
            .Done(1, "commit_offsets", JsonNode.Parse("""{"a":0}"""))
            .Done(1, "list_committed_offsets", JsonNode.Parse("""{"a":0}"""))
            .Poll(1, ("a", [(2, 3)])).Poll(2, ("a", [(1, 2)])));

        AssertOnly(r, "poll-skip");
        Assert.Equal(1, Count(r, "poll-skip"));
        Assert.Null(r.Details["malformed-count"]);
    }

    [Fact]
    public void LongCorrectRunIsValid()
    {
        var r = Check(SyntheticKafkaRun.Build(ops: 20_000, seed: 7));

        AssertClean(r);
        Assert.Null(r.Details["malformed-count"]);
    }

    [Fact]
    public void LongRunMissingOneAcknowledgedMessageLosesExactlyThatWrite()
    {
        var r = Check(SyntheticKafkaRun.Build(ops: 20_000, seed: 7, hidden: ("3", 5)));

        Assert.Equal(Validity.False, r.Valid);
        Assert.Equal(1, Count(r, "lost-write"));
        // Key 3 holds message n at offset n - 1.
        Assert.Equal("""{"key":"3","value":5,"index":4}""", Json(new JsonObject(
            FirstErr(r, "lost-write").Where(p => p.Key is "key" or "value" or "index").Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())))));
        Assert.Equal("""{"3":1}""", Json(r.Details["unseen"]!["unseen"]));
        // Every poll that steps over the gap skips: within one poll, or between two of one process.
        Assert.Subset(new HashSet<string> { "int-poll-skip", "lost-write", "poll-skip", "unseen" }, Types(r).ToHashSet());
        Assert.Contains("int-poll-skip", Types(r));
    }

    [Fact]
    public void KafkaWorkloadUsesThisChecker() => Assert.IsType<KafkaChecker>(WorkloadCatalog.Checker("kafka"));

    [Fact]
    public void ClojureHashOfALongMatches()
    {
        // (hash 1) and (hash 0) in Clojure.
        Assert.Equal(1392991556, ClojureSetOrder.HashLong(1));
        Assert.Equal(0, ClojureSetOrder.HashLong(0));
    }
}
