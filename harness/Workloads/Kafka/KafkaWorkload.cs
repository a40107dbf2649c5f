using System.Text.Json.Nodes;
using Glomers.Harness.Checkers.Kafka;
using Glomers.Harness.Cli;
using Glomers.Harness.History;

namespace Glomers.Harness.Workloads.Kafka;

/// <summary>
/// kafka, generated as Maelstrom generates it (Jepsen's kafka workload without transactions, assign
/// only, crashing clients):
/// <list type="bullet">
/// <item>Ops come from Elle's generator with one micro-op per txn: a read becomes a poll, a write of v
/// to key k a send (keys as strings, values 1, 2, … per key up to --max-writes-per-key, --key-count
/// active keys, default 10).</item>
/// <item>About one op in 64 is replaced by an assign of that op's key; a third of those also take in
/// every key sent but not yet polled up to its highest sent offset.</item>
/// <item>A crash goes to some client about every 30 s / concurrency (gaps uniform in [0, 60 s / concurrency]).</item>
/// <item>Final phase, per worker, for at most 10 s: if any key has a known offset, crash, assign every
/// known key seeking to the beginning, then poll every 0.2 s on average until this worker's polls
/// have reached every key's highest offset known at the end of the main phase.</item>
/// </list>
/// Only assign is idempotent. See <see cref="KafkaClient"/> for the client and <see cref="KafkaOps"/>
/// for the recorded values.
/// </summary>
public sealed class KafkaWorkload : IWorkload
{
    public static WorkloadDescriptor Descriptor { get; } = new()
    {
        Name = "kafka",
        Help = "ops send to keyed logs, poll them and commit offsets, and clients crash now and then; after\nrecovery every worker polls every key to its end; the checker looks for lost, reordered\nand duplicated messages",
        Flags = [WorkloadFlags.KeyCount, WorkloadFlags.MaxWritesPerKey],
        Create = options => new KafkaWorkload(options),
        Checker = () => new KafkaChecker(),
    };

    private const double AssignProbability = 1.0 / 64;
    private const double UnseenProbability = 1.0 / 3;
    private const double CrashIntervalSeconds = 30;
    private const double FinalPollGapSeconds = 0.2;
    private static readonly TimeSpan FinalTimeLimit = TimeSpan.FromSeconds(10);

    private readonly WriteReadTxns txns;
    private readonly double crashGapNanos;
    private MicroOp? pending;
    private long? nextCrash;

    // Keys sent (ok) past what any ok poll reached: poll-unseen's view, to steer assigns.
    private readonly Dictionary<string, long> sent = [];
    private readonly Dictionary<string, long> polled = [];

    // The highest offset every key is known to have, from ok sends and polls: the final polls' target.
    private readonly SortedDictionary<string, long> maxOffsets = new(KafkaOffsets.KeyOrder);
    private IReadOnlyDictionary<string, long>? finalTargets;
    private long? finalDeadline;

    public KafkaWorkload(TestOptions options)
    {
        txns = new WriteReadTxns(options.KeyCount ?? 10, 1, 1, options.MaxWritesPerKey);
        crashGapNanos = 2 * CrashIntervalSeconds * 1e9 / Math.Max(1, options.Concurrency);
    }

    public bool HasFinalPhase => true;
    public IReadOnlySet<string>? IdempotentFs { get; } = new HashSet<string> { KafkaOps.Assign };
    public TimeSpan ClientTimeout => WorkloadCatalog.DefaultTimeout;
    public bool ClientReusable => false;
    public ISetConvergence? Convergence => null;

    /// <summary>The highest known offset per key so far (what the final phase will poll up to).</summary>
    public IReadOnlyDictionary<string, long> KnownOffsets => maxOffsets;

    public IClientSession OpenSession() => new KafkaClient();

    public Invocation Next(Random random, int thread, long now)
    {
        if (now >= (nextCrash ??= now))
        {
            nextCrash = now + (long)(random.NextDouble() * crashGapNanos);
            return new Invocation(KafkaOps.Crash, null);
        }
        // An assign stands in for the op without using it up: the same op comes next time.
        var op = pending ??= txns.Next(random)[0];
        var key = Key(op.Key);
        if (random.NextDouble() >= AssignProbability)
        {
            pending = null;
            return op.IsWrite
                ? new Invocation(KafkaOps.Send, new JsonArray(new JsonArray(KafkaOps.Send, key, op.Value)))
                : new Invocation(KafkaOps.Poll, new JsonArray(new JsonArray(KafkaOps.Poll)));
        }
        if (sent.Count == 0 || random.NextDouble() >= UnseenProbability)
            return new Invocation(KafkaOps.Assign, new JsonArray(key));
        var keys = sent.Keys.Append(key).Distinct();
        var unseen = new JsonObject();
        foreach (var k in sent.Keys.Order(KafkaOffsets.KeyOrder))
            unseen[k] = new JsonObject { ["polled"] = polled.GetValueOrDefault(k, -1), ["sent"] = sent[k] };
        return new Invocation(KafkaOps.Assign, new JsonArray([.. keys.Select(k => (JsonNode)k)]), Fields: new JsonObject { ["unseen"] = unseen });
    }

    public void Observe(Op completion)
    {
        if (completion.Type != OpType.Ok) return;
        var sends = KafkaOffsets.MaxSent(completion);
        var polls = KafkaOffsets.MaxPolled(completion);
        KafkaOffsets.MergeMax(maxOffsets, sends);
        KafkaOffsets.MergeMax(maxOffsets, polls);
        KafkaOffsets.MergeMax(sent, sends);
        KafkaOffsets.MergeMax(polled, polls);
        // A key whose polls caught up with its sends is no longer unseen.
        foreach (var key in sends.Keys.Concat(polls.Keys).Distinct())
        {
            if (polled.GetValueOrDefault(key, -1) < sent.GetValueOrDefault(key, -1)) continue;
            sent.Remove(key);
            polled.Remove(key);
        }
    }

    public async Task RunFinalAsync(IFinalWorker worker)
    {
        // One target and one deadline for all workers, fixed when the first of them starts.
        var targets = new Dictionary<string, long>(finalTargets ??= new SortedDictionary<string, long>(maxOffsets, KafkaOffsets.KeyOrder));
        var deadline = finalDeadline ??= worker.Now + (long)(FinalTimeLimit.TotalSeconds * 1e9);
        if (targets.Count == 0 || worker.Now >= deadline) return;
        await worker.ExecuteAsync(new Invocation(KafkaOps.Crash, null));
        if (worker.Now >= deadline) return;
        var keys = new JsonArray([.. finalTargets.Keys.Select(k => (JsonNode)k)]);
        await worker.ExecuteAsync(new Invocation(KafkaOps.Assign, keys, Fields: new JsonObject { ["seek-to-beginning?"] = true }));
        long? next = null;
        while (targets.Count > 0)
        {
            var at = Math.Max(next ?? worker.Now, worker.Now);
            if (at >= deadline) return;
            await worker.DelayUntil(at);
            var done = await worker.ExecuteAsync(new Invocation(KafkaOps.Poll, new JsonArray(new JsonArray(KafkaOps.Poll)), Fields: new JsonObject { ["poll-ms"] = 1000 }));
            next = at + (long)(worker.Random.NextDouble() * 2 * FinalPollGapSeconds * 1e9);
            foreach (var (key, offset) in KafkaOffsets.MaxPolled(done))
                if (targets.TryGetValue(key, out var target) && target <= offset) targets.Remove(key);
        }
    }

    public (JsonObject Request, string ReplyType)? Setup(string node, TestOptions options) => null;

    private static string Key(long key) => key.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
