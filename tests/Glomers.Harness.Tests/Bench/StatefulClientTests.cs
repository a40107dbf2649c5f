using System.Text.Json.Nodes;
using Glomers.Harness.Cli;
using Glomers.Harness.Core;
using Glomers.Harness.History;
using Glomers.Harness.Network;
using Glomers.Harness.Services;
using Glomers.NodeRuntime.Time;

namespace Glomers.Harness.Tests.Bench;

/// <summary>
/// The run's side of clients that keep state: kafka's client is replaced with its offsets after an
/// info, reusable clients (lin-kv, txn) keep their connection, and kafka's final phase loops. Nodes
/// answer from a script, on virtual time.
/// </summary>
public sealed class StatefulClientTests
{
    private static (RunOutcome Outcome, List<JsonObject> Requests) Run(string workload, Func<JsonObject, JsonObject?> answer, int concurrency = 1,
        double timeLimit = 20, double rate = 50)
    {
        var options = new TestOptions
        {
            Workload = workload, NodeCount = 1, NodeCountGiven = true, Concurrency = concurrency, TimeLimit = timeLimit, Rate = rate, RecoveryTime = 1, Seed = 9,
        };
        var requests = new List<JsonObject>();
        var scheduler = new Scheduler(new VirtualTimeProvider());
        var run = new TestRun(options, Harness.Workloads.WorkloadCatalog.Create(workload, options), scheduler, MessageLog.None,
            (network, _) => new ScriptedCluster(network, options.NodeIds, body =>
            {
                requests.Add((JsonObject)body.DeepClone());
                return answer(body);
            }), _ => new Dictionary<string, IService>(), null);
        return (scheduler.Run(run.RunAsync), requests);
    }

    /// <summary>A one-key log that answers every kafka request; sends go to key "k" whatever they name.</summary>
    private static Func<JsonObject, JsonObject?> OneLog()
    {
        var next = 0L;
        return body => (string?)body["type"] switch
        {
            "send" => new JsonObject { ["type"] = "send_ok", ["offset"] = next++ },
            "poll" => new JsonObject
            {
                ["type"] = "poll_ok",
                ["msgs"] = new JsonObject(((JsonObject)body["offsets"]!).Select(kv => KeyValuePair.Create(kv.Key,
                    (JsonNode?)new JsonArray([.. Enumerable.Range(0, (int)next).Where(o => o >= (long)kv.Value!).Select(o => (JsonNode)new JsonArray(o, o))])))),
            },
            "commit_offsets" => new JsonObject { ["type"] = "commit_offsets_ok" },
            "list_committed_offsets" => new JsonObject { ["type"] = "list_committed_offsets_ok", ["offsets"] = new JsonObject() },
            _ => null,
        };
    }

    private static long Long(JsonNode? node) => Harness.Checkers.JsonNumbers.TryGetInt64(node, out var n) ? n : throw new InvalidDataException($"not an integer: {node?.ToJsonString()}");

    [Fact]
    public void AKafkaCrashRetiresTheProcessAndTheFreshClientPollsWithNoOffsets()
    {
        // One worker, so the k-th poll of the history is the k-th poll request the node got.
        var (outcome, requests) = Run("kafka", OneLog(), timeLimit: 120, rate: 10);

        var crashes = outcome.History.Where(o => o.F == "crash" && o.Type == OpType.Info && o.Time < 120_000_000_000).ToList();
        Assert.True(crashes.Count >= 3);
        Assert.All(crashes, c => Assert.Null(c.Value));
        // A crashed process is never seen again; its successor is process + concurrency (1).
        foreach (var crash in crashes)
            Assert.DoesNotContain(outcome.History, o => o.Process == crash.Process && o.Index > crash.Index);
        var polls = outcome.History.Where(o => o.F == "poll" && o.Type == OpType.Invoke).ToList();
        var pollRequests = requests.Where(r => (string?)r["type"] == "poll").ToList();
        Assert.Equal(polls.Count, pollRequests.Count);
        var asked = polls.Zip(pollRequests, (op, r) => (op.Index, Offsets: r["offsets"]!.AsObject().Count)).ToList();
        // Right before a crash the client polled some keys; the first poll after it, before any assign, asks for none.
        var invokes = outcome.History.Where(o => o.IsClient && o.Type == OpType.Invoke).ToList();
        var checkedCrashes = 0;
        foreach (var crash in crashes)
        {
            var before = asked.LastOrDefault(a => a.Index < crash.Index);
            var next = invokes.FirstOrDefault(o => o.Index > crash.Index && o.F is "poll" or "assign");
            if (next?.F != "poll" || before.Offsets == 0) continue;
            Assert.Equal(0, asked.Single(a => a.Index == next.Index).Offsets);
            checkedCrashes++;
        }
        Assert.True(checkedCrashes >= 1);
    }

    [Fact]
    public void KafkaFinalPhaseCrashesAssignsFromTheStartAndPollsUntilEveryKnownOffsetIsRead()
    {
        var (outcome, requests) = Run("kafka", OneLog(), concurrency: 2, timeLimit: 5);

        var final = outcome.History.Where(o => o.Time > 5_000_000_000 && o.IsClient).ToList();
        foreach (var thread in final.Where(o => o.Type == OpType.Invoke).GroupBy(o => o.Process % 2))
            Assert.Equal(["crash", "assign", "poll"], thread.Select(o => o.F));
        var assigns = final.Where(o => o.F == "assign" && o.Type == OpType.Invoke).ToList();
        var sent = outcome.History.Where(o => o.F == "send" && o.Type == OpType.Ok).Select(o => o.Value![0]![1]!.GetValue<string>())
            .Distinct().OrderBy(long.Parse).ToList();
        Assert.Equal(2, assigns.Count);
        Assert.All(assigns, a => Assert.Equal(sent, a.Value!.AsArray().Select(k => (string)k!)));
        // The one poll of each worker reads every key from offset 0 up to the last acknowledged send, and the workers stop.
        var lastSend = outcome.History.Where(o => o.F == "send" && o.Type == OpType.Ok).Max(o => Long(o.Value![0]![2]![0]));
        var finalPolls = final.Where(o => o.F == "poll" && o.Type == OpType.Ok).ToList();
        Assert.Equal(2, finalPolls.Count);
        Assert.All(finalPolls, p => Assert.All(sent, k => Assert.Equal(lastSend, Long(p.Value![0]![1]![k]!.AsArray().Last()![0]))));
        Assert.All(((JsonObject)requests.Last(r => (string?)r["type"] == "poll")["offsets"]!).Select(kv => Long(kv.Value)), o => Assert.Equal(0, o));
    }

    [Fact]
    public void KafkaFinalPollsStopAfterTenSecondsWhenTheLogNeverCatchesUp()
    {
        var log = OneLog();
        var final = false;
        // Once the main phase is over the node forgets everything: polls come back empty.
        var (outcome, _) = Run("kafka", body =>
        {
            if ((string?)body["type"] == "list_committed_offsets") final = true;
            return final && (string?)body["type"] == "poll" ? new JsonObject { ["type"] = "poll_ok", ["msgs"] = new JsonObject() } : log(body);
        }, timeLimit: 3, rate: 20);

        var start = 3_000_000_000L + 1_000_000_000L;
        var polls = outcome.History.Where(o => o.Time >= start && o.F == "poll" && o.Type == OpType.Invoke).ToList();
        Assert.InRange(polls.Count, 30, 70);
        Assert.True(polls.Max(o => o.Time) < start + 10_000_000_000L);
    }

    [Fact]
    public void AReusableClientKeepsItsConnectionWhenAnOpEndsInInfo()
    {
        var (outcome, _) = Run("lin-kv", _ => new JsonObject { ["type"] = "error", ["code"] = 13, ["text"] = "boom" }, concurrency: 2, timeLimit: 2);

        var writes = outcome.History.Where(o => o.F is "write" or "cas" && o.Type == OpType.Info).ToList();
        Assert.True(writes.Count >= 3);
        Assert.Equal(Enumerable.Range(0, writes.Count).Select(i => 1 + 2 * i), writes.Select(o => o.Process));
        // Still one client per worker: c0 was init, c1 the setup client, c2 and c3 the workers.
        Assert.Equal(["c2", "c3"], outcome.Journal.Where(e => e.IsSend && e.Src.StartsWith('c') && e.Type != "init").Select(e => e.Src).Distinct().Order());
    }

    [Fact]
    public void ATxnErrorIsFailWhenDefiniteAndInfoOtherwise()
    {
        var n = 0;
        var (outcome, _) = Run("txn-rw-register", _ => ++n % 2 == 0
            ? new JsonObject { ["type"] = "error", ["code"] = 30, ["text"] = "txn conflict" }
            : new JsonObject { ["type"] = "error", ["code"] = 0, ["text"] = "timed out" }, timeLimit: 2);

        var done = outcome.History.Where(o => o.F == "txn" && o.Type != OpType.Invoke).ToList();
        Assert.Contains(done, o => (o.Type, o.Error) == (OpType.Fail, "[txn-conflict, txn conflict]"));
        Assert.Contains(done, o => (o.Type, o.Error) == (OpType.Info, "[timeout, timed out]"));
        Assert.DoesNotContain(done, o => o.Type == OpType.Ok);
    }

    [Fact]
    public void LinKvTimeoutsFailReadsButLeaveWritesAndCasesUnknownAndDefiniteErrorsFail()
    {
        var (silent, _) = Run("lin-kv", _ => null, concurrency: 2, timeLimit: 10);
        var done = silent.History.Where(o => o.IsClient && o.Type != OpType.Invoke).ToList();
        Assert.Contains(done, o => o.F == "read");
        Assert.All(done.Where(o => o.F == "read"), o => Assert.Equal((OpType.Fail, "net-timeout"), (o.Type, o.Error)));
        Assert.All(done.Where(o => o.F != "read"), o => Assert.Equal((OpType.Info, "net-timeout"), (o.Type, o.Error)));
        // The client waits max(10 x latency, 1 s): here a second.
        var first = done.First(o => o.F == "read");
        Assert.Equal(1_000_000_000, first.Time - silent.History.Single(o => o.Index < first.Index && o.Process == first.Process && o.Type == OpType.Invoke).Time);

        var (missing, _) = Run("lin-kv", body => (string?)body["type"] == "write"
            ? new JsonObject { ["type"] = "write_ok" }
            : new JsonObject { ["type"] = "error", ["code"] = 20, ["text"] = "no such key" }, concurrency: 2, timeLimit: 2);
        var cases = missing.History.Where(o => o.F == "cas" && o.Type != OpType.Invoke).ToList();
        Assert.NotEmpty(cases);
        Assert.All(cases, o => Assert.Equal((OpType.Fail, "[key-does-not-exist, no such key]"), (o.Type, o.Error)));
        Assert.All(missing.History.Where(o => o.F == "write" && o.Type != OpType.Invoke), o => Assert.Equal(OpType.Ok, o.Type));
    }
}
