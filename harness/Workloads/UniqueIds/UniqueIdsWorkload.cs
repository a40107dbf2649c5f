using System.Text.Json.Nodes;
using Glomers.Harness.Checkers;
using Glomers.Harness.Cli;
using Glomers.Harness.History;

namespace Glomers.Harness.Workloads.UniqueIds;

/// <summary>unique-ids: every op is a generate; the ids of ok replies must all differ. The client is reusable, as Maelstrom's is.</summary>
public sealed class UniqueIdsWorkload : IWorkload
{
    public static WorkloadDescriptor Descriptor { get; } = new()
    {
        Name = "unique-ids",
        Help = "each op asks a node for an id; the ids of all ok replies must differ",
        Create = _ => new UniqueIdsWorkload(),
        Checker = () => new UniqueIdsChecker(),
    };

    public bool HasFinalPhase => false;
    public IReadOnlySet<string>? IdempotentFs { get; } = new HashSet<string>();
    public TimeSpan ClientTimeout => WorkloadCatalog.DefaultTimeout;
    public bool ClientReusable => true;
    public ISetConvergence? Convergence => null;

    public (JsonObject Request, string ReplyType)? Setup(string node, TestOptions options) => null;

    public Invocation Next(Random random, int thread, long now) => new("generate", null);

    public void Observe(Op completion) { }

    public IClientSession OpenSession() => UniqueIdsClient.Instance;

    public Task RunFinalAsync(IFinalWorker worker) => FinalPhase.None(worker);
}
