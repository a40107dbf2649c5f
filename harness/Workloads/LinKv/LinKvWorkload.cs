using System.Text.Json.Nodes;
using Glomers.Harness.Checkers.Linearizable;
using Glomers.Harness.Cli;
using Glomers.Harness.Core;
using Glomers.Harness.History;

namespace Glomers.Harness.Workloads.LinKv;

/// <summary>
/// lin-kv, as Jepsen's linearizable-register test drives it through independent keys: the workers
/// form groups of 2 × node-count threads, each group works on one key (0, 1, … in order). In a
/// group the first node-count threads only read; the others write a value in 0..4 or cas
/// [from, to] in 0..4, writes and cases 1:2. A key is given up once more than 20 distinct processes
/// have worked on it (processes change when an op ends in info), and the group takes the next unused
/// key. Values are <c>[k, v]</c> (a read invokes <c>[k, null]</c>), a cas <c>[k, [from, to]]</c>. Reads
/// are idempotent; the client is reusable and waits max(10 × mean latency, 1 s) for each reply.
/// </summary>
public sealed class LinKvWorkload : IWorkload
{
    public static WorkloadDescriptor Descriptor { get; } = new()
    {
        Name = "lin-kv",
        Help = "ops read, write or cas registers, one key per group of 2n workers (--concurrency must be a\nmultiple of 2n, e.g. 2n); Knossos-style search for a linearization of each key",
        Refusal = ConcurrencyRefusal,
        Create = options => new LinKvWorkload(options),
        Checker = () => new LinearizableChecker(),
    };

    private const int ProcessLimit = 20;

    private readonly int nodeCount;
    private readonly int concurrency;
    private readonly int[] processes;
    private readonly long[] groupKeys;
    private readonly HashSet<int>[] groupProcesses;
    private long nextKey;

    public LinKvWorkload(TestOptions options)
    {
        nodeCount = options.NodeCount;
        concurrency = options.Concurrency;
        var groupSize = 2 * nodeCount;
        if (ConcurrencyRefusal(options) is { } why) throw new BenchException(why);
        processes = [.. Enumerable.Range(0, concurrency)];
        var groups = concurrency / groupSize;
        groupKeys = [.. Enumerable.Range(0, groups).Select(g => (long)g)];
        groupProcesses = [.. Enumerable.Range(0, groups).Select(_ => new HashSet<int>())];
        nextKey = groups;
        ClientTimeout = TimeSpan.FromMilliseconds(Math.Max(10 * options.LatencyMs, 1000));
    }

    public bool HasFinalPhase => false;
    public IReadOnlySet<string>? IdempotentFs { get; } = new HashSet<string> { "read" };
    public TimeSpan ClientTimeout { get; }
    public bool ClientReusable => true;
    public ISetConvergence? Convergence => null;

    /// <summary>Jepsen's concurrent generator refuses these with an assertion; here they are a command-line error.</summary>
    public static string? ConcurrencyRefusal(TestOptions options)
    {
        var groupSize = 2 * options.NodeCount;
        return options.Concurrency >= groupSize && options.Concurrency % groupSize == 0 ? null
            : $"--concurrency: lin-kv runs each key on 2 × node-count = {groupSize} threads, so the concurrency must be a multiple of {groupSize} (got {options.Concurrency}; try --concurrency 2n)";
    }

    public (JsonObject Request, string ReplyType)? Setup(string node, TestOptions options) => null;

    public Invocation Next(Random random, int thread, long now)
    {
        var groupSize = 2 * nodeCount;
        var group = thread / groupSize;
        var key = KeyFor(group);
        if (thread % groupSize < nodeCount) return new("read", new JsonArray(key, null));
        return random.Next(3) == 0
            ? new("write", new JsonArray(key, random.Next(5)))
            : new("cas", new JsonArray(key, new JsonArray(random.Next(5), random.Next(5))));
    }

    public void Observe(Op completion)
    {
        if (completion.Type == OpType.Info && completion.IsClient)
            processes[completion.Process % concurrency] = completion.Process + concurrency;
    }

    public IClientSession OpenSession() => LinKvClient.Instance;

    public Task RunFinalAsync(IFinalWorker worker) => FinalPhase.None(worker);

    /// <summary>Jepsen's process-limit: the processes of the group's threads seen while on a key, at most 20 per key.</summary>
    private long KeyFor(int group)
    {
        var groupSize = 2 * nodeCount;
        var seen = groupProcesses[group];
        for (var t = group * groupSize; t < (group + 1) * groupSize; t++) seen.Add(processes[t]);
        if (seen.Count > ProcessLimit)
        {
            groupKeys[group] = nextKey++;
            seen.Clear();
            for (var t = group * groupSize; t < (group + 1) * groupSize; t++) seen.Add(processes[t]);
        }
        return groupKeys[group];
    }
}
