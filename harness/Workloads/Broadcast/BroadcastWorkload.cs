using System.Text.Json.Nodes;
using Glomers.Harness.Checkers;
using Glomers.Harness.Cli;
using Glomers.Harness.History;

namespace Glomers.Harness.Workloads.Broadcast;

/// <summary>
/// broadcast: half the ops broadcast the next integer (0, 1, 2, …), half read; each node first gets
/// the topology; a final read on every worker after recovery.
/// </summary>
public sealed class BroadcastWorkload : IWorkload, ISetConvergence
{
    public static WorkloadDescriptor Descriptor { get; } = new()
    {
        Name = "broadcast",
        Help = "each node first gets a topology; ops broadcast the next integer or read every value the\nnode holds; after recovery every worker reads once, and every acknowledged value must be there",
        Flags = [WorkloadFlags.Topology, WorkloadFlags.ProbeConvergence],
        Create = _ => new BroadcastWorkload(),
        Checker = () => new SetFullChecker(WorkloadOps.Broadcast),
    };

    private long next;

    public bool HasFinalPhase => true;
    public IReadOnlySet<string>? IdempotentFs { get; } = new HashSet<string> { "read" };
    public TimeSpan ClientTimeout => WorkloadCatalog.DefaultTimeout;
    public bool ClientReusable => false;
    public ISetConvergence? Convergence => this;

    public (JsonObject Request, string ReplyType)? Setup(string node, TestOptions options)
    {
        var topology = new JsonObject();
        foreach (var (n, neighbours) in Topologies.Build(options.Topology, options.NodeIds))
            topology[n] = new JsonArray([.. neighbours.Select(x => (JsonNode)JsonValue.Create(x))]);
        return (new JsonObject { ["type"] = "topology", ["topology"] = topology }, "topology_ok");
    }

    public Invocation Next(Random random, int thread, long now) =>
        random.Next(2) == 0 ? new("broadcast", next++) : new("read", null);

    public void Observe(Op completion) { }

    public IClientSession OpenSession() => BroadcastClient.Instance;

    public Task RunFinalAsync(IFinalWorker worker) => FinalPhase.ReadOnce(worker);

    public JsonObject ProbeRequest() => new() { ["type"] = "read" };

    public IEnumerable<JsonNode?>? Elements(JsonObject reply) =>
        reply["type"]?.ToString() == "read_ok" && reply["messages"] is JsonArray messages ? messages : null;

    public bool Acknowledges(Op completion, out JsonNode? element)
    {
        element = completion.Value;
        return completion is { Type: OpType.Ok, F: "broadcast" };
    }
}
