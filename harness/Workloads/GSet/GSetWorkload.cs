using System.Text.Json.Nodes;
using Glomers.Harness.Checkers;
using Glomers.Harness.Cli;
using Glomers.Harness.History;

namespace Glomers.Harness.Workloads.GSet;

/// <summary>g-set: half the ops add the next integer, half read the whole set; errors are not mapped.</summary>
public sealed class GSetWorkload : IWorkload, ISetConvergence
{
    public static WorkloadDescriptor Descriptor { get; } = new()
    {
        Name = "g-set",
        Help = "ops add the next integer or read the whole set; after recovery every worker reads once,\nand every acknowledged element must be there",
        Flags = [WorkloadFlags.ProbeConvergence],
        Create = _ => new GSetWorkload(),
        Checker = () => new SetFullChecker(WorkloadOps.Add),
    };

    private long next;

    public bool HasFinalPhase => true;
    public IReadOnlySet<string>? IdempotentFs => null;
    public TimeSpan ClientTimeout => WorkloadCatalog.DefaultTimeout;
    public bool ClientReusable => false;
    public ISetConvergence? Convergence => this;

    public (JsonObject Request, string ReplyType)? Setup(string node, TestOptions options) => null;

    public Invocation Next(Random random, int thread, long now) =>
        random.Next(2) == 0 ? new("add", next++) : new("read", null);

    public void Observe(Op completion) { }

    public IClientSession OpenSession() => GSetClient.Instance;

    public Task RunFinalAsync(IFinalWorker worker) => FinalPhase.ReadOnce(worker);

    public JsonObject ProbeRequest() => new() { ["type"] = "read" };

    public IEnumerable<JsonNode?>? Elements(JsonObject reply) =>
        reply["type"]?.ToString() == "read_ok" && reply["value"] is JsonArray value ? value : null;

    public bool Acknowledges(Op completion, out JsonNode? element)
    {
        element = completion.Value;
        return completion is { Type: OpType.Ok, F: "add" };
    }
}
