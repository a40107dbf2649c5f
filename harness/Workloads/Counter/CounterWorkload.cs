using System.Text.Json.Nodes;
using Glomers.Harness.Checkers;
using Glomers.Harness.Cli;
using Glomers.Harness.History;

namespace Glomers.Harness.Workloads.Counter;

/// <summary>
/// pn-counter: half adds of a delta in [-5, 4], half reads. g-counter is the same generator with
/// negative adds filtered out (so about a third of its ops are adds). Errors are not mapped: any
/// error or timeout leaves the op's outcome unknown.
/// </summary>
public sealed class CounterWorkload(bool growOnly) : IWorkload
{
    public static WorkloadDescriptor GCounter { get; } = new()
    {
        Name = "g-counter",
        Help = "ops add a delta in 0..4 or read the counter; after recovery every worker reads once, and\neach final read must lie within what the acknowledged and unknown adds allow",
        Create = _ => new CounterWorkload(growOnly: true),
        Checker = () => new CounterChecker(),
    };

    public static WorkloadDescriptor PnCounter { get; } = GCounter with
    {
        Name = "pn-counter",
        Help = "g-counter with deltas in -5..4",
        Create = _ => new CounterWorkload(growOnly: false),
    };

    public bool HasFinalPhase => true;
    public IReadOnlySet<string>? IdempotentFs => null;
    public TimeSpan ClientTimeout => WorkloadCatalog.DefaultTimeout;
    public bool ClientReusable => false;
    public ISetConvergence? Convergence => null;

    public (JsonObject Request, string ReplyType)? Setup(string node, TestOptions options) => null;

    public Invocation Next(Random random, int thread, long now)
    {
        while (true)
        {
            var op = random.Next(2) == 0 ? new Invocation("add", random.Next(10) - 5) : new Invocation("read", null);
            if (!growOnly || op.F != "add" || (int)op.Value! >= 0) return op;
        }
    }

    public void Observe(Op completion) { }

    public IClientSession OpenSession() => CounterClient.Instance;

    public Task RunFinalAsync(IFinalWorker worker) => FinalPhase.ReadOnce(worker);
}
