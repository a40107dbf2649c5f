using System.Text.Json.Nodes;
using Glomers.Harness.Checkers;

namespace Glomers.Harness.Tests.Sim;

/// <summary>
/// kafka, txn-rw-register and lin-kv through the whole bench in sim mode, on the test nodes: the
/// histories have Maelstrom's shapes, each broken node's flaw is there to be found in them, and
/// the checkers that exist judge them as Maelstrom would.
/// </summary>
public sealed class NewWorkloadsTests
{
    private static SimBench.Run Run(string workload, string node, int nodes, params string[] nodeArgs) => Run("sim", workload, node, nodes, nodeArgs);

    private static SimBench.Run Run(string mode, string workload, string node, int nodes, params string[] nodeArgs) =>
        Run(mode, workload, node, nodes, [], nodeArgs);

    private static SimBench.Run Run(string mode, string workload, string node, int nodes, string[] benchFlags, string[] nodeArgs)
    {
        string[] flags = ["--node-count", nodes.ToString(System.Globalization.CultureInfo.InvariantCulture), "--concurrency", "2n",
            "--time-limit", "5", "--rate", "200", "--latency", "2", "--recovery-time", "1", .. benchFlags];
        return SimBench.Execute(SimBench.Options(workload, node, mode, 21, [.. flags, .. nodeArgs.Length > 0 ? ["--", .. nodeArgs] : Array.Empty<string>()]));
    }

    private static IEnumerable<string> AnomalyTypes(SimBench.Run run) =>
        run.Results["workload"]!["anomaly-types"]!.AsArray().Select(t => (string)t!);

    private static IEnumerable<JsonObject> Completed(SimBench.Run run, string f, string type = "ok") =>
        run.HistoryOps.Where(o => SimBench.Run.Text(o, "f") == f && SimBench.Run.Text(o, "type") == type);

    private static IEnumerable<(string Key, long Offset, long Msg)> Polled(SimBench.Run run) =>
        Completed(run, "poll").SelectMany(o => ((JsonObject)o["value"]![0]![1]!).SelectMany(kv =>
            kv.Value!.AsArray().Select(p => (kv.Key, (long)p![0]!, (long)p[1]!))));

    private static IEnumerable<(string Key, long Offset, long Msg)> Sent(SimBench.Run run) =>
        Completed(run, "send").Select(o => o["value"]![0]!.AsArray()).Select(m => ((string)m[1]!, (long)m[2]![0]!, (long)m[2]![1]!));

    // One owner node, or logs in the lin-kv service in both modes.
    [Theory]
    [InlineData("sim", "owner")]
    [InlineData("sim", "lin-kv")]
    [InlineData("process", "lin-kv")]
    public void TheCorrectKafkaNodesShowEverySendToEveryFinalPollerInOrder(string mode, string via)
    {
        var run = Run(mode, "kafka", "KafkaOwner", 2, "--via", via);

        var sent = Sent(run).ToHashSet();
        // Real processes from a cold start on a busy machine may send far fewer in 5 s than the simulation.
        Assert.True(sent.Count > (mode == "sim" ? 100 : 10));
        Assert.Subset(Polled(run).ToHashSet(), sent);
        // Every final poller read each key from offset 0 without a gap.
        var finalPolls = Completed(run, "poll").Where(o => (long)o["time"]! > 6_000_000_000).ToList();
        Assert.NotEmpty(finalPolls);
        Assert.All(Polled(run).GroupBy(p => p.Key), key => Assert.Equal(key.Select(p => p.Offset).Distinct().Order(), Enumerable.Range(0, key.Select(p => p.Offset).Distinct().Count()).Select(o => (long)o)));
        AllAnsweredButTimeouts(run, mode);
        Assert.Equal(Validity.True, run.Valid);
    }

    /// <summary>The kafka checker's error types for a run.</summary>
    private static IEnumerable<string> KafkaErrorTypes(SimBench.Run run) =>
        run.Results["workload"]!["error-types"]!.AsArray().Select(t => (string)t!);

    /// <summary>Every op succeeded; with real processes on a busy machine, some may have timed out.</summary>
    private static void AllAnsweredButTimeouts(SimBench.Run run, string mode)
    {
        var failed = run.HistoryOps.Where(o => SimBench.Run.Text(o, "type") is "fail" || (SimBench.Run.Text(o, "type") is "info" && SimBench.Run.Text(o, "f") != "crash")).ToList();
        if (mode == "sim") Assert.Empty(failed);
        else Assert.All(failed, o => Assert.Contains("timeout", SimBench.Run.Text(o, "error")));
    }

    [Fact]
    public void TheLosingKafkaNodeAcknowledgesSendsThatNoPollEverReturns()
    {
        var run = Run("kafka", "KafkaOwner", 2, "--fault", "lose-send");

        var polled = Polled(run).Select(p => (p.Key, p.Offset)).ToHashSet();
        var lost = Sent(run).Where(s => !polled.Contains((s.Key, s.Offset))).ToList();
        // About one send in twenty, and later offsets of the same key were read.
        Assert.InRange(lost.Count, Sent(run).Count() / 30, Sent(run).Count() / 12);
        Assert.Contains(lost, l => polled.Any(p => p.Key == l.Key && p.Offset > l.Offset));
        Assert.Equal(Validity.False, run.Valid);
        Assert.Contains("lost-write", KafkaErrorTypes(run));
    }

    [Fact]
    public void TheSkippingKafkaNodeLeavesGapsInsideOnePoll()
    {
        var run = Run("kafka", "KafkaOwner", 2, "--fault", "skip-offsets");

        var gapped = Completed(run, "poll").SelectMany(o => ((JsonObject)o["value"]![0]![1]!).Select(kv => kv.Value!.AsArray().Select(p => (long)p![0]!).ToList()))
            .Where(offsets => offsets.Zip(offsets.Skip(1)).Any(p => p.Second - p.First > 1));
        Assert.NotEmpty(gapped);
        Assert.Equal(Validity.False, run.Valid);
        Assert.Contains("int-poll-skip", KafkaErrorTypes(run));
    }

    [Theory]
    [InlineData("sim", "owner")]
    [InlineData("sim", "lin-kv")]
    [InlineData("process", "lin-kv")]
    public void TheCorrectTxnNodesCompleteEveryTxn(string mode, string via)
    {
        var run = Run(mode, "txn-rw-register", "TxnSerial", 2, "--via", via);

        // Real processes that swap the whole map through one lin-kv key, from a cold start on a busy
        // machine, complete far fewer txns in 5 s than the simulation does; some must still complete.
        Assert.True(Completed(run, "txn").Count() > (mode == "sim" ? 100 : 10));
        AllAnsweredButTimeouts(run, mode);
        // Reads see what was written: some read returns a value, and every value read was written to that key.
        var written = Completed(run, "txn").SelectMany(o => o["value"]!.AsArray()).Where(m => (string)m![0]! == "w").Select(m => ((long)m![1]!, (long)m[2]!)).ToHashSet();
        var read = Completed(run, "txn").SelectMany(o => o["value"]!.AsArray()).Where(m => (string)m![0]! == "r" && m[2] is not null).Select(m => ((long)m![1]!, (long)m[2]!)).ToList();
        if (mode == "sim") Assert.NotEmpty(read);
        Assert.All(read, r => Assert.Contains(r, written));
        // One writer applying whole txns in order: strict serializable, the strongest model.
        Assert.Equal(Validity.True, run.Valid);
        Assert.Empty(AnomalyTypes(run));
    }

    [Fact]
    public void TheDirtyTxnNodeLeaksWritesOfFailedTxns()
    {
        var dirty = Run("sim", "txn-rw-register", "TxnSerial", 1, ["--consistency-models", "read-committed"], ["--fault", "dirty"]);
        var failed = Completed(dirty, "txn", "fail").ToList();
        Assert.All(failed, o => Assert.Equal("[txn-conflict, txn conflict]", (string)o["error"]!));
        var failedWrites = failed.SelectMany(o => o["value"]!.AsArray()).Where(m => (string)m![0]! == "w").Select(m => ((long)m![1]!, (long)m[2]!)).ToHashSet();
        var reads = Completed(dirty, "txn").SelectMany(o => o["value"]!.AsArray()).Where(m => (string)m![0]! == "r" && m[2] is not null).Select(m => ((long)m![1]!, (long)m[2]!));
        Assert.Contains(reads, failedWrites.Contains);
        // Read committed forbids reading an aborted write: G1a.
        Assert.Equal(Validity.False, dirty.Valid);
        Assert.Contains("G1a", AnomalyTypes(dirty));
    }

    [Fact]
    public void TheDirtyTxnNodePassesReadUncommitted()
    {
        // Read uncommitted allows aborted reads; the same node, judged against it, is valid.
        var dirty = Run("sim", "txn-rw-register", "TxnSerial", 1, ["--consistency-models", "read-uncommitted"], ["--fault", "dirty"]);
        Assert.Equal(Validity.True, dirty.Valid);
    }

    [Fact]
    public void LinKvNodesAnswerEveryOpAndTheStaleOneReadsOldValues()
    {
        foreach (var args in new[] { Array.Empty<string>(), ["--via", "lin-kv"] })
        {
            var run = Run("lin-kv", "LinKvOwner", 3, args);
            Assert.DoesNotContain(run.HistoryOps, o => SimBench.Run.Text(o, "type") == "info");
            Assert.True(Completed(run, "read").Count() > 300);
            Assert.False(HasStaleRead(run));
            Assert.Equal(Validity.True, run.Valid);
        }

        // The stale node shows a read that no linearization allows; the correct ones never do.
        var stale = Run("lin-kv", "LinKvOwner", 3, "--fault", "stale");
        Assert.True(HasStaleRead(stale));
        Assert.Equal(Validity.False, stale.Valid);
        Assert.NotEmpty(stale.Results["workload"]!["failures"]!.AsArray());
    }

    /// <summary>
    /// A witness that no linearization exists: a read saw v although a write of another value w
    /// completed before the read began, and every op that could have written v before the read
    /// ended (began before it ended) had ended before w began.
    /// </summary>
    private static bool HasStaleRead(SimBench.Run run)
    {
        var pairs = Pairs(run).ToList();
        var mutations = pairs.Where(p => p.F is "write" or "cas" && p.Type != "fail")
            .Select(p => (p.Start, End: p.Type == "ok" ? p.End : long.MaxValue, Value: p.F == "write" ? (long)p.Value[1]! : (long)p.Value[1]![1]!))
            .ToList();
        var reads = pairs.Where(p => p is { F: "read", Type: "ok" } && p.Value[1] is not null).Select(p => (p.Start, p.End, Value: (long)p.Value[1]!));
        return reads.Any(r => mutations.Any(w => w.Value != r.Value && w.End < r.Start
            && mutations.Where(v => v.Value == r.Value && v.Start < r.End).All(v => v.End < w.Start)));
    }

    /// <summary>Each client op as its invocation's start and its completion's end, type and value.</summary>
    private static IEnumerable<(string F, string Type, long Start, long End, JsonNode Value)> Pairs(SimBench.Run run)
    {
        var open = new Dictionary<int, JsonObject>();
        foreach (var op in run.HistoryOps.Where(o => o["process"] is JsonValue v && v.TryGetValue(out int _)))
        {
            var process = (int)op["process"]!;
            if (SimBench.Run.Text(op, "type") == "invoke") open[process] = op;
            else if (open.Remove(process, out var invoke))
                yield return ((string)op["f"]!, (string)op["type"]!, (long)invoke["time"]!, (long)op["time"]!, op["value"]!);
        }
    }
}
