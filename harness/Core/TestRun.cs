using System.Text.Json.Nodes;
using Glomers.Harness.Cli;
using Glomers.Harness.Clients;
using Glomers.Harness.Faults;
using Glomers.Harness.History;
using Glomers.Harness.Network;
using Glomers.Harness.Nodes;
using Glomers.Harness.Services;
using Glomers.Harness.Workloads;
using Glomers.NodeRuntime.Randomness;

namespace Glomers.Harness.Core;

/// <summary>What a finished run leaves for the checkers and the report.</summary>
public sealed record RunOutcome(IReadOnlyList<Op> History, IReadOnlyList<NetEvent> Journal, IReadOnlyList<Finding> Findings, string? AbortedBecause)
{
    /// <summary>The convergence probe's section of results.json, when the run was probed.</summary>
    public JsonObject? Convergence { get; init; }
}

/// <summary>
/// One Maelstrom test, start to end: start the nodes, init them, run the workload's setup, then the
/// main phase (clients at the given rate, the nemesis on its schedule) until the time limit, and, for
/// workloads that have one, heal, wait for recovery and run the final reads. Runs on the scheduler.
/// </summary>
public sealed class TestRun
{
    private static readonly TimeSpan InitTimeout = TimeSpan.FromSeconds(10);

    private readonly TestOptions options;
    private readonly IWorkload workload;
    private readonly Scheduler scheduler;
    private readonly Router network;
    private readonly INodeCluster cluster;
    private readonly HistoryRecorder history;
    private readonly List<Finding> findings = [];
    private readonly Random generatorRandom;
    private readonly Nemesis nemesis;
    private readonly TextWriter? progress;
    private readonly Dictionary<string, TaskCompletionSource> stopped = [];
    private ConvergenceProbe? probe;
    private int nextClient;

    public TestRun(TestOptions options, IWorkload workload, Scheduler scheduler, MessageLog messageLog,
        Func<Router, Action<Finding>, INodeCluster> makeCluster, Func<long, IReadOnlyDictionary<string, IService>> makeServices, TextWriter? progress)
    {
        this.options = options;
        this.workload = workload;
        this.scheduler = scheduler;
        this.progress = progress;
        // Independent named streams of one seed, so a change in one part does not reshuffle the others.
        var latencyRandom = new SeededRandom(options.Seed, "latency");
        generatorRandom = new SeededRandom(options.Seed, "generator");
        network = new Router(scheduler, new Latency(options.LatencyDist, options.LatencyMs, latencyRandom), messageLog, findings.Add);
        history = new HistoryRecorder(scheduler);
        cluster = makeCluster(network, findings.Add);
        foreach (var node in cluster.Nodes) network.Add(node);
        foreach (var service in makeServices(options.Seed).Values) network.Add(new ServiceEndpoint(service, network));
        cluster.NodeStopped += OnNodeStopped;
        var faults = new FaultContext(options.NodeIds, scheduler, network, cluster as INodeFaults, InitNodeAsync, findings.Add);
        nemesis = new Nemesis(options.Nemesis, options.NemesisInterval, options.Seed, faults, history, Say);
    }

    public Router Network => network;

    /// <summary>Counters for the console's progress line, fed with every op recorded.</summary>
    public Reports.RunProgress? Progress
    {
        init => history.Observer = value is null ? null : op => value.Observe(op, network.MessageCount);
    }

    public async Task<RunOutcome> RunAsync()
    {
        string? aborted = null;
        try
        {
            // Inside the try: if a later node fails to start, the ones already running are still stopped.
            cluster.Start();
            aborted = await InitAsync() ?? await SetupAsync();
            if (aborted is null) await MainAndFinalAsync();
        }
        finally
        {
            await cluster.DisposeAsync();
        }
        return new RunOutcome(history.Ops, network.Journal, findings, aborted) { Convergence = probe?.Result(history.Ops) };
    }

    private async Task<string?> InitAsync()
    {
        Say("Initialising nodes...");
        var failures = (await Task.WhenAll(options.NodeIds.Select(InitNodeAsync))).OfType<string>().ToArray();
        foreach (var f in failures) findings.Add(new Finding(scheduler.Now, f.Split(' ')[0], "init-failed", f));
        return failures.Length == 0 ? null : "init-failed: " + string.Join("; ", failures);
    }

    /// <summary>Sends init to one node (at the start, or after a restart) and says what went wrong, if anything.</summary>
    private async Task<string?> InitNodeAsync(string node)
    {
        var client = OpenClient();
        var request = InitRequest(node, options.NodeIds);
        var reply = await WithStop(node, client.CallAsync(node, request, InitTimeout));
        network.Close(client.Id);
        return reply switch
        {
            null => $"{node} did not answer init within {InitTimeout.TotalSeconds:0} s" + StoppedNote(node),
            _ when reply["type"]?.ToString() != "init_ok" => $"{node} answered init with {reply.ToJsonString()}",
            _ => null,
        };
    }

    /// <summary>The init Maelstrom sends <paramref name="node"/> of a cluster of <paramref name="nodeIds"/>.</summary>
    public static JsonObject InitRequest(string node, IReadOnlyList<string> nodeIds) => new()
    {
        ["type"] = "init",
        ["node_id"] = node,
        ["node_ids"] = new JsonArray([.. nodeIds.Select(n => (JsonNode)JsonValue.Create(n))]),
    };

    private async Task<string?> SetupAsync()
    {
        var calls = options.NodeIds.Select(async node =>
        {
            var client = OpenClient();
            string? failure = null;
            if (workload.Setup(node, options) is var (request, replyType))
            {
                var reply = await WithStop(node, client.CallAsync(node, request, workload.ClientTimeout));
                if (reply is null) failure = $"{node} did not answer {request["type"]} in time" + StoppedNote(node);
                else if (reply["type"]?.ToString() != replyType) failure = $"{node} answered {request["type"]} with {reply.ToJsonString()}";
            }
            network.Close(client.Id);
            return failure;
        }).ToArray();
        var failures = (await Task.WhenAll(calls)).OfType<string>().ToArray();
        foreach (var f in failures) findings.Add(new Finding(scheduler.Now, f.Split(' ')[0], "setup-failed", f));
        return failures.Length == 0 ? null : "setup-failed: " + string.Join("; ", failures);
    }

    private async Task MainAndFinalAsync()
    {
        var workers = Enumerable.Range(0, options.Concurrency)
            .Select(t => new Worker(t, options.NodeIds[t % options.NodeCount], OpenClient(), workload.OpenSession()))
            .ToList();
        var end = scheduler.Now + Seconds(options.TimeLimit);
        Say($"Running {options.Workload} for {options.TimeLimit} s at {options.Rate}/s with {options.Concurrency} clients...");
        var faults = nemesis.RunAsync(end);
        var inflight = await DispatchAsync(workers, end);
        await faults;
        var faultAtEnd = nemesis.AnyActive;
        await nemesis.StopAllAsync();
        var opsDone = Task.WhenAll(inflight);
        Task? probing = null;
        if (options.ProbeConvergenceMs > 0 && workload.HasFinalPhase && workload.Convergence is { } set)
        {
            probe = new ConvergenceProbe(set, scheduler, options.NodeIds, OpenClient, options.ProbeConvergenceMs, faultAtEnd);
            probing = probe.RunAsync(opsDone, () => history.Ops);
        }
        await opsDone;
        if (!workload.HasFinalPhase) return;
        Say("Waiting for recovery...");
        await scheduler.Delay(TimeSpan.FromSeconds(options.RecoveryTime));
        if (probing is not null)
        {
            probe!.Stop();
            await probing;
        }
        Say("Final reads...");
        await Task.WhenAll(workers.Select(w => workload.RunFinalAsync(new FinalWorker(this, w))));
    }

    /// <summary>Hands ops to free workers at the test's rate (each gap uniform in [0, 2/rate]) until the time limit.</summary>
    private async Task<List<Task>> DispatchAsync(List<Worker> workers, long end)
    {
        var inflight = new List<Task>();
        if (options.Rate <= 0)
        {
            await scheduler.DelayUntil(end);
            return inflight;
        }
        var free = new Queue<Worker>(workers);
        Task? endReached = null;
        TaskCompletionSource? freed = null;
        var gap = 2e9 / options.Rate;
        var next = scheduler.Now + (long)(generatorRandom.NextDouble() * gap);
        while (true)
        {
            await scheduler.DelayUntil(Math.Min(next, end));
            if (scheduler.Now >= end) break;
            // Timers wake late by a millisecond or so; dispatch every op already due, so the rate holds.
            while (next <= scheduler.Now && scheduler.Now < end)
            {
                while (free.Count == 0)
                {
                    // Completed on the scheduler; inline continuations keep WhenAny off the thread pool.
                    freed = new TaskCompletionSource();
                    await Task.WhenAny(freed.Task, endReached ??= scheduler.DelayUntil(end));
                    if (scheduler.Now >= end) return inflight;
                }
                var worker = free.Dequeue();
                inflight.Add(Run(worker, workload.Next(generatorRandom, worker.Thread, scheduler.Now)));
                // A backlog older than a second is dropped rather than fired in one burst.
                next = Math.Max(next, scheduler.Now - 1_000_000_000) + (long)(generatorRandom.NextDouble() * gap);
            }
        }
        return inflight;

        async Task Run(Worker worker, Invocation op)
        {
            await ExecuteAsync(worker, op);
            free.Enqueue(worker);
            freed?.TrySetResult();
        }
    }

    /// <summary>One op through one worker's client, recorded as Maelstrom's clients record it; returns the completion.</summary>
    private async Task<Op> ExecuteAsync(Worker worker, Invocation op)
    {
        history.Add(OpType.Invoke, worker.Process, op.F, op.Value?.DeepClone(), final: op.Final, node: worker.Node);
        var (type, value, error) = await InvokeAsync(worker, op);
        var completion = history.Add(type, worker.Process, op.F, value, error, op.Final, worker.Node);
        workload.Observe(completion);
        if (type == OpType.Info)
        {
            // Jepsen retires a process whose op is indeterminate; a client that is not reusable is replaced, state and all.
            worker.Process += options.Concurrency;
            if (!workload.ClientReusable)
            {
                network.Close(worker.Client.Id);
                worker.Client = OpenClient();
                worker.Session = workload.OpenSession();
            }
        }
        return completion;
    }

    private async Task<(OpType, JsonNode?, string?)> InvokeAsync(Worker worker, Invocation op)
    {
        JsonObject? lastReply = null;
        try
        {
            var done = await worker.Session.InvokeAsync(op, async body =>
            {
                var reply = lastReply = await worker.Client.CallAsync(worker.Node, body, workload.ClientTimeout);
                return reply is not null && reply["type"]?.ToString() != "error" ? reply : throw new RpcFailedException(reply);
            });
            return (done.Type, done.Value, null);
        }
        catch (RpcFailedException e)
        {
            return Outcome(op, e.Reply);
        }
        catch (MalformedReplyException e)
        {
            findings.Add(new Finding(scheduler.Now, worker.Node, "malformed-rpc-response",
                $"{worker.Node} answered {op.F} with a malformed reply: {e.Message}", lastReply?.ToJsonString()));
            return (OpType.Info, op.Value?.DeepClone(), $"malformed-rpc-response: {e.Message}");
        }
    }

    /// <summary>Maelstrom's with-errors: an error reply (or none, <paramref name="reply"/> null) fails or leaves the op unknown.</summary>
    private (OpType, JsonNode?, string?) Outcome(Invocation op, JsonObject? reply)
    {
        var idempotent = workload.IdempotentFs;
        if (reply is null)
        {
            return idempotent is not null && idempotent.Contains(op.F)
                ? (OpType.Fail, op.Value?.DeepClone(), "net-timeout")
                : (OpType.Info, op.Value?.DeepClone(), "net-timeout");
        }
        // Any integer: a body built in memory holds an int where a parsed one holds a JsonElement.
        var code = Checkers.JsonNumbers.TryGetInt64(reply["code"], out var n) ? n : -1;
        var (name, definite) = ErrorNames.Describe(code);
        var text = reply["text"]?.ToString();
        var error = $"[{name}, {text}]";
        if (idempotent is null) return (OpType.Info, op.Value?.DeepClone(), error);
        return definite || idempotent.Contains(op.F)
            ? (OpType.Fail, op.Value?.DeepClone(), error)
            : (OpType.Info, op.Value?.DeepClone(), error);
    }

    private BenchClient OpenClient()
    {
        var client = new BenchClient($"c{nextClient++}", scheduler, network);
        network.Add(client);
        return client;
    }

    private void OnNodeStopped(string node, string why)
    {
        findings.Add(new Finding(scheduler.Now, node, "node-exited", $"{node} {why}"));
        Say($"Node {node} {why}");
        if (stopped.TryGetValue(node, out var s)) s.TrySetResult();
    }

    /// <summary>Stops waiting for a reply as soon as the node itself is gone.</summary>
    private async Task<JsonObject?> WithStop(string node, Task<JsonObject?> call)
    {
        if (!stopped.TryGetValue(node, out var s)) stopped[node] = s = new TaskCompletionSource();
        var first = await Task.WhenAny(call, s.Task);
        return first == call ? await call : null;
    }

    private string StoppedNote(string node) =>
        findings.FirstOrDefault(f => f.Node == node && f.Kind == "node-exited") is { } f ? $" ({f.Detail})" : "";

    private void Say(string line) => progress?.WriteLine(line);

    private static long Seconds(double s) => (long)(s * 1e9);

    private sealed class Worker(int thread, string node, BenchClient client, IClientSession session)
    {
        public int Thread { get; } = thread;
        public string Node { get; } = node;
        public int Process { get; set; } = thread;
        public BenchClient Client { get; set; } = client;
        public IClientSession Session { get; set; } = session;
    }

    private sealed class FinalWorker(TestRun run, Worker worker) : IFinalWorker
    {
        public int Thread => worker.Thread;
        public long Now => run.scheduler.Now;
        public Random Random => run.generatorRandom;
        public Task<Op> ExecuteAsync(Invocation op) => run.ExecuteAsync(worker, op);
        public Task DelayUntil(long time) => run.scheduler.DelayUntil(time);
    }
}
