using System.Text.Json.Nodes;
using Glomers.Harness.Cli;
using Glomers.Harness.Core;
using Glomers.Harness.History;

namespace Glomers.Harness.Workloads;

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
        // Jepsen's concurrent generator refuses these with an assertion; here they are a command-line error.
        if (concurrency < groupSize || concurrency % groupSize != 0)
            throw new BenchException($"--concurrency: lin-kv runs each key on 2 × node-count = {groupSize} threads, so the concurrency must be a multiple of {groupSize} (got {concurrency}; try --concurrency 2n)");
        processes = [.. Enumerable.Range(0, concurrency)];
        var groups = concurrency / groupSize;
        groupKeys = [.. Enumerable.Range(0, groups).Select(g => (long)g)];
        groupProcesses = [.. Enumerable.Range(0, groups).Select(_ => new HashSet<int>())];
        nextKey = groups;
        ClientTimeout = TimeSpan.FromMilliseconds(Math.Max(10 * options.LatencyMs, 1000));
    }

    public string Name => "lin-kv";
    public bool HasFinalPhase => false;
    public IReadOnlySet<string>? IdempotentFs { get; } = new HashSet<string> { "read" };
    public TimeSpan ClientTimeout { get; }
    public bool ClientReusable => true;

    public Invocation Next(Random random, int thread)
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

    public Invocation Final(int thread) => throw new InvalidOperationException("lin-kv has no final phase");

    public JsonObject Request(Invocation op)
    {
        var value = (JsonArray)op.Value!;
        var body = new JsonObject { ["type"] = op.F, ["key"] = value[0]?.DeepClone() };
        switch (op.F)
        {
            case "write":
                body["value"] = value[1]?.DeepClone();
                break;
            case "cas":
                body["from"] = value[1]![0]?.DeepClone();
                body["to"] = value[1]![1]?.DeepClone();
                break;
        }
        return body;
    }

    public JsonNode? Complete(Invocation op, JsonObject reply)
    {
        switch (op.F)
        {
            case "read":
                ReplySchema.Check(reply, "read_ok", ("value", ReplySchema.Any, "any JSON"));
                return new JsonArray(op.Value![0]?.DeepClone(), reply["value"]?.DeepClone());
            case "write":
                ReplySchema.Check(reply, "write_ok");
                return op.Value?.DeepClone();
            default:
                ReplySchema.Check(reply, "cas_ok");
                return op.Value?.DeepClone();
        }
    }

    public (JsonObject Request, string ReplyType)? Setup(string node, TestOptions options) => null;

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
