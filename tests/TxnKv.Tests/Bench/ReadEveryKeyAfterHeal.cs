using System.Text.Json.Nodes;
using Glomers.Harness.Cli;
using Glomers.Harness.History;
using Glomers.Harness.Workloads;
using Glomers.Harness.Workloads.TxnRwRegister;

namespace Glomers.TxnKv.Tests.Bench;

/// <summary>
/// The txn-rw-register workload with a final phase added: after the heal, every worker reads every
/// key any txn tried to write, through the protocol, in one read-only txn every
/// <paramref name="every"/>, for <paramref name="window"/>. Each worker stays on its node, so the
/// history shows what each node holds, and when.
/// </summary>
internal sealed class ReadEveryKeyAfterHeal(TxnRwRegisterWorkload inner, TimeSpan every, TimeSpan window) : IWorkload
{
    private readonly SortedSet<long> keys = [];

    public bool HasFinalPhase => true;
    public IReadOnlySet<string>? IdempotentFs => inner.IdempotentFs;
    public TimeSpan ClientTimeout => inner.ClientTimeout;
    public bool ClientReusable => inner.ClientReusable;
    public ISetConvergence? Convergence => null;

    public (JsonObject Request, string ReplyType)? Setup(string node, TestOptions options) => inner.Setup(node, options);

    public Invocation Next(Random random, int thread, long now) => inner.Next(random, thread, now);

    public IClientSession OpenSession() => inner.OpenSession();

    public void Observe(Op completion)
    {
        if (completion.Final || completion.Value is not JsonArray txn) return;
        foreach (var mop in txn.OfType<JsonArray>())
            if ((string?)mop[0] == "w" && mop[1] is JsonValue k && k.TryGetValue(out long key)) keys.Add(key);
    }

    private Invocation ReadEveryKey() =>
        new("txn", new JsonArray([.. keys.Select(k => (JsonNode)new JsonArray("r", k, null))]), Final: true);

    public async Task RunFinalAsync(IFinalWorker worker)
    {
        var end = worker.Now + window.Ticks * 100;
        while (worker.Now < end)
        {
            await worker.ExecuteAsync(ReadEveryKey());
            await worker.DelayUntil(worker.Now + every.Ticks * 100);
        }
    }
}
