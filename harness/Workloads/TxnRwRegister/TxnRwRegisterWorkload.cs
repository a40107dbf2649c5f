using System.Text.Json.Nodes;
using Glomers.Harness.Checkers.Txn;
using Glomers.Harness.Cli;
using Glomers.Harness.History;

namespace Glomers.Harness.Workloads.TxnRwRegister;

/// <summary>
/// txn-rw-register: every op is one txn of Elle's wr-txns (length 1..--max-txn-length, reads and
/// writes at 50/50 over --key-count active keys, default 10, each key written 1, 2, … up to
/// --max-writes-per-key). f "txn"; the value is the micro-op list <c>[["r",k,null],["w",k,v]]</c>, and
/// an ok completion carries the node's list with the reads filled in. No f is idempotent, so only
/// definite errors fail a txn; the client is reusable and there is no final phase.
/// </summary>
public sealed class TxnRwRegisterWorkload(TestOptions options) : IWorkload
{
    public static WorkloadDescriptor Descriptor { get; } = new()
    {
        Name = "txn-rw-register",
        Help = "each op is a transaction of reads and writes over a few keys; Elle checks the history\nagainst --consistency-models",
        Flags = [WorkloadFlags.ConsistencyModels, WorkloadFlags.KeyCount, WorkloadFlags.MaxTxnLength, WorkloadFlags.MaxWritesPerKey],
        Create = options => new TxnRwRegisterWorkload(options),
        Checker = () => new TxnChecker(),
    };

    private readonly WriteReadTxns txns = new(options.KeyCount ?? 10, 1, options.MaxTxnLength, options.MaxWritesPerKey);

    public bool HasFinalPhase => false;
    public IReadOnlySet<string>? IdempotentFs { get; } = new HashSet<string>();
    public TimeSpan ClientTimeout => WorkloadCatalog.DefaultTimeout;
    public bool ClientReusable => true;
    public ISetConvergence? Convergence => null;

    public (JsonObject Request, string ReplyType)? Setup(string node, TestOptions options) => null;

    public Invocation Next(Random random, int thread, long now) =>
        new("txn", new JsonArray([.. txns.Next(random).Select(m => (JsonNode)new JsonArray(m.IsWrite ? "w" : "r", m.Key, m.Value))]));

    public void Observe(Op completion) { }

    public IClientSession OpenSession() => TxnClient.Instance;

    public Task RunFinalAsync(IFinalWorker worker) => FinalPhase.None(worker);
}
