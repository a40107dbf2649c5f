using Glomers.Harness.Cli;
using Glomers.Harness.Core;
using Glomers.Harness.Faults;
using Glomers.Harness.History;
using Glomers.Harness.Network;
using Glomers.NodeRuntime.Hosting;
using Glomers.NodeRuntime.Randomness;

namespace Glomers.Harness.Nodes;

/// <summary>
/// The nodes as instances of the node class inside the bench (--mode sim), built exactly as the
/// binary builds itself (the same arguments after --), each with its own seed derived from --seed,
/// all on the bench's scheduler and virtual clock. Logs go to node-logs/&lt;node&gt;.log.
/// </summary>
public sealed class SimCluster : INodeCluster, INodeFaults, INodeLoad
{
    private readonly TestOptions options;
    private readonly Dictionary<string, SimNode> nodes = new(StringComparer.Ordinal);
    private readonly List<TextWriter> logs = [];

    public SimCluster(TestOptions options, Scheduler scheduler, Router network, string logDirectory, Action<Finding> report)
        : this(options, SimAssembly.NodeClass(options.Bin), scheduler, network, logDirectory, report)
    {
    }

    /// <summary>A cluster of <paramref name="nodeClass"/> (already loaded, as in a node's tests); without a log directory the logs go nowhere.</summary>
    public SimCluster(TestOptions options, Type nodeClass, Scheduler scheduler, Router network, string? logDirectory, Action<Finding> report)
    {
        if (!scheduler.IsVirtual) throw new BenchException("--mode sim needs the scheduler on virtual time");
        this.options = options;
        var configuration = NodeFactory.Configuration([.. options.BinArgs]);
        if (logDirectory is not null) Directory.CreateDirectory(logDirectory);
        foreach (var id in options.NodeIds)
        {
            TextWriter file = logDirectory is null ? TextWriter.Null
                : new StreamWriter(Path.Combine(logDirectory, $"{id}.log"), append: false, new System.Text.UTF8Encoding(false), 1 << 14);
            logs.Add(file);
            var log = new SimLogger(id, scheduler.Time, file, options.LogStderr ? Console.Error : null, nodeClass.Name);
            nodes[id] = new SimNode(id, nodeClass, configuration, scheduler, network, log, NodeSeed(options.Seed, id),
                (n, why) => NodeStopped?.Invoke(n, why), report);
            // --busy: a steady background load from the first message on, each node on its own stream.
            if (options.Busy) nodes[id].Slow(options.Slow, new SeededRandom(options.Seed, "busy/" + id));
        }
    }

    /// <summary>The seed node <paramref name="id"/> gets in a run with <paramref name="runSeed"/>: its own stream, independent of the others'.</summary>
    public static long NodeSeed(long runSeed, string id) => SeededRandom.Derive(runSeed, "node/" + id);

    public IReadOnlyList<IEndpoint> Nodes => [.. options.NodeIds.Select(id => nodes[id])];

    public event Action<string, string>? NodeStopped;

    public void Start()
    {
        foreach (var id in options.NodeIds) nodes[id].Start();
    }

    public void Pause(string node) => Get(node).Pause();

    public void Resume(string node) => Get(node).Resume();

    public void Kill(string node) => Get(node).Kill();

    public void Restart(string node) => Get(node).Restart();

    public SlowModel Model => options.Slow;

    public void Slow(string node, Random? random) => Get(node).Slow(options.Slow, random);

    public ValueTask DisposeAsync()
    {
        foreach (var id in options.NodeIds) nodes[id].Kill();
        foreach (var log in logs) log.Dispose();
        logs.Clear();
        return ValueTask.CompletedTask;
    }

    private SimNode Get(string node) =>
        nodes.TryGetValue(node, out var n) ? n : throw new ArgumentException($"no node {node} in this cluster", nameof(node));
}
