using System.Text.Json.Nodes;
using Glomers.Harness.Cli;
using Glomers.Harness.Clients;
using Glomers.Harness.Faults;
using Glomers.Harness.History;
using Glomers.Harness.Network;
using Glomers.Harness.Nodes;
using Glomers.Harness.Services;
using Glomers.NodeRuntime.Randomness;
using Glomers.NodeRuntime.Time;

namespace Glomers.Harness.Core;

/// <summary>
/// The bench's simulation as a script, for node tests: nodes of one class, built and seeded as in
/// --mode sim, on the bench's scheduler, network (Maelstrom's latency, grudges and journal) and
/// services. A script sends client requests, cuts and heals links, kills and restarts nodes, starts
/// and stops the nemesis' faults and runs to a virtual time; nothing moves between its calls. The
/// nodes are initialised on construction.
/// </summary>
public sealed class Simulation : IDisposable
{
    /// <summary>How long a client waits for a reply unless told otherwise (Maelstrom's default RPC timeout).</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

    private readonly Scheduler scheduler = new(new VirtualTimeProvider());
    private readonly Router network;
    private readonly SimCluster cluster;
    private readonly IReadOnlyDictionary<string, IService> services;
    private readonly List<Finding> findings = [];
    private readonly Dictionary<string, HashSet<string>> oneWay = new(StringComparer.Ordinal);
    private readonly FaultContext faultContext;
    private readonly Dictionary<string, Fault> faults = new(StringComparer.Ordinal);
    private int nextClient;

    /// <param name="nodeClass">The node class, as the node's binary would host it.</param>
    /// <param name="nodeCount">Nodes n0 .. n(N-1).</param>
    /// <param name="latencyMs">--latency: every message between nodes, or between a node and a service, takes this long; clients take none.</param>
    /// <param name="seed">--seed: the latency draws, the services' choices and each node's own random stream.</param>
    /// <param name="nodeArgs">The node's arguments, as after -- on the command line.</param>
    public Simulation(Type nodeClass, int nodeCount, double latencyMs = 0, long seed = 1, params string[] nodeArgs)
    {
        var options = new TestOptions { NodeCount = nodeCount, LatencyMs = latencyMs, Seed = seed, Mode = RunMode.Sim, BinArgs = nodeArgs };
        NodeIds = options.NodeIds;
        network = new Router(scheduler, new Latency(options.LatencyDist, latencyMs, new SeededRandom(seed, "latency")), MessageLog.None, findings.Add);
        cluster = new SimCluster(options, nodeClass, scheduler, network, logDirectory: null, findings.Add);
        cluster.NodeStopped += (node, why) => findings.Add(new Finding(scheduler.Now, node, "node-exited", $"{node} {why}"));
        foreach (var node in cluster.Nodes) network.Add(node);
        services = ServiceCatalog.Create(seed);
        foreach (var service in services.Values) network.Add(new ServiceEndpoint(service, network));
        faultContext = new FaultContext(NodeIds, scheduler, network, cluster, InitAsync, findings.Add);
        cluster.Start();
        var failures = scheduler.Run(() => Task.WhenAll(NodeIds.Select(InitAsync))).OfType<string>().ToArray();
        if (failures.Length > 0) throw new InvalidOperationException(string.Join("; ", failures));
    }

    public IReadOnlyList<string> NodeIds { get; }

    /// <summary>The virtual clock the nodes and the network run on.</summary>
    public TimeProvider Time => scheduler.Time;

    /// <summary>Virtual nanoseconds since the simulation was made.</summary>
    public long Now => scheduler.Now;

    /// <summary>Every message sent and received so far, in order: the journal Maelstrom's net stats are taken from.</summary>
    public IReadOnlyList<NetEvent> Journal => network.Journal;

    /// <summary>Messages sent from one node to another, dropped ones included.</summary>
    public int NodeMessages => Journal.Count(e => e.IsSend && network.IsServer(e.Src) && network.IsServer(e.Dest));

    /// <summary>What the bench found wrong so far: lines it could not take, errors on a node's loop, nodes that stopped.</summary>
    public IReadOnlyList<Finding> Findings => findings;

    /// <summary>One of Maelstrom's services (seq-kv, lin-kv, lww-kv, lin-tso), to look at its state.</summary>
    public T Service<T>(string id) where T : IService => (T)services[id];

    /// <summary>Sends <paramref name="body"/> from a fresh client to a node or a service; the reply comes as the simulation runs.</summary>
    public ClientRequest Send(string dest, JsonObject body, TimeSpan? timeout = null)
    {
        // Started on the scheduler, so the client's continuation comes back to it.
        return new ClientRequest(scheduler.Run(() => Task.FromResult(AskAsync(dest, body, timeout ?? DefaultTimeout))));
    }

    /// <summary>Sends a request and runs the simulation until the reply comes; throws if none came in time.</summary>
    public JsonObject Call(string dest, JsonObject body, TimeSpan? timeout = null)
    {
        var text = body.ToJsonString();
        var request = Send(dest, body, timeout);
        return scheduler.Run(() => request.Task)
            ?? throw new InvalidOperationException($"{dest} did not answer {text} within {(timeout ?? DefaultTimeout).TotalMilliseconds:0} ms");
    }

    /// <summary>Runs everything that happens in the next <paramref name="duration"/> of virtual time.</summary>
    public void Run(TimeSpan duration) => RunUntil(Now + duration.Ticks * 100);

    /// <summary>Runs everything that happens up to <paramref name="time"/> virtual nanoseconds after the start.</summary>
    public void RunUntil(long time) => scheduler.RunUntil(time);

    /// <summary>Runs the simulation until <paramref name="request"/> is answered or has timed out.</summary>
    public JsonObject? RunUntilAnswered(ClientRequest request) => scheduler.Run(() => request.Task);

    /// <summary>Cuts the nodes of <paramref name="side"/> off from the other nodes, both ways, as the partition fault's shapes do.</summary>
    public void Partition(params string[] side) =>
        network.Partition(PartitionShapes.Complete([side, [.. NodeIds.Except(side, StringComparer.Ordinal)]]));

    /// <summary>Drops what <paramref name="from"/> sends to <paramref name="to"/> (nodes or services) from now on, as the one-way fault does.</summary>
    public void CutOneWay(string from, string to)
    {
        if (!oneWay.TryGetValue(to, out var sources)) oneWay[to] = sources = new HashSet<string>(StringComparer.Ordinal);
        sources.Add(from);
        network.BlockOneWay(oneWay.ToDictionary(e => e.Key, e => e.Value.ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal));
    }

    /// <summary>Heals every cut, partitions and one-way cuts alike. A message is checked when it arrives, so one in flight gets through.</summary>
    public void Heal()
    {
        oneWay.Clear();
        network.Heal();
        network.UnblockOneWay();
    }

    /// <summary>Kills a node: its memory, queued work and timers are gone, and messages to it are dropped.</summary>
    public void Kill(string node) => cluster.Kill(node);

    /// <summary>Starts a fresh node in place of a killed one and runs until it has answered its init, as the kill fault does.</summary>
    public void Restart(string node)
    {
        cluster.Restart(node);
        if (scheduler.Run(() => InitAsync(node)) is { } failure) throw new InvalidOperationException(failure);
    }

    /// <summary>
    /// Starts one of the nemesis' faults by its --nemesis name, as the nemesis would, its choices drawn
    /// from <paramref name="seed"/>; returns what it did, as the history records it.
    /// </summary>
    public string StartFault(string name, long seed = 1)
    {
        if (faults.ContainsKey(name)) throw new InvalidOperationException($"the {name} fault is already on");
        var fault = FaultCatalog.Create(name, faultContext);
        var done = fault.Start(new SeededRandom(seed, $"nemesis/{name}/choices"));
        faults[name] = fault;
        return done;
    }

    /// <summary>Stops a fault and runs until its stop is done (a kill's restarts and inits included); returns what it did.</summary>
    public string StopFault(string name) =>
        faults.Remove(name, out var fault) ? scheduler.Run(fault.StopAsync) : throw new InvalidOperationException($"the {name} fault is not on");

    public void Dispose() => cluster.DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>Sends init to a node, on the scheduler; says what went wrong, or null.</summary>
    private async Task<string?> InitAsync(string node)
    {
        var reply = await AskAsync(node, TestRun.InitRequest(node, NodeIds), DefaultTimeout);
        return reply?["type"]?.ToString() == "init_ok" ? null : $"{node} answered init with {reply?.ToJsonString() ?? "nothing"}";
    }

    /// <summary>One request from a fresh client, on the scheduler.</summary>
    private async Task<JsonObject?> AskAsync(string dest, JsonObject body, TimeSpan timeout)
    {
        var client = new BenchClient($"c{nextClient++}", scheduler, network);
        network.Add(client);
        try
        {
            return await client.CallAsync(dest, body, timeout);
        }
        finally
        {
            network.Close(client.Id);
        }
    }
}

/// <summary>A client request of a <see cref="Simulation"/>: its reply, once the simulation has run far enough.</summary>
public sealed class ClientRequest(Task<JsonObject?> call)
{
    internal Task<JsonObject?> Task { get; } = call;

    /// <summary>The reply body, or null while none has come (or none came in time).</summary>
    public JsonObject? Reply => Task.IsCompletedSuccessfully ? Task.Result : null;

    /// <summary>True once the client gave up waiting.</summary>
    public bool TimedOut => Task.IsCompletedSuccessfully && Task.Result is null;
}
