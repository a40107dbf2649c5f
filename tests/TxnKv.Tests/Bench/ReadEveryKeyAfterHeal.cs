using System.Text.Json.Nodes;
using Glomers.Harness.Cli;
using Glomers.Harness.History;
using Glomers.Harness.Workloads;

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

    public string Name => inner.Name;
    public bool HasFinalPhase => true;
    public IReadOnlySet<string>? IdempotentFs => inner.IdempotentFs;
    public TimeSpan ClientTimeout => inner.ClientTimeout;
    public bool ClientReusable => inner.ClientReusable;

    public Invocation Next(Random random, int thread) => inner.Next(random, thread);

    public Invocation Final(int thread) =>
        new("txn", new JsonArray([.. keys.Select(k => (JsonNode)new JsonArray("r", k, null))]), Final: true);

    public JsonObject Request(Invocation op) => inner.Request(op);

    public JsonNode? Complete(Invocation op, JsonObject reply) => inner.Complete(op, reply);

    public (JsonObject Request, string ReplyType)? Setup(string node, TestOptions options) => null;

    public void Observe(Op completion)
    {
        if (completion.Final || completion.Value is not JsonArray txn) return;
        foreach (var mop in txn.OfType<JsonArray>())
            if ((string?)mop[0] == "w" && mop[1] is JsonValue k && k.TryGetValue(out long key)) keys.Add(key);
    }

    public async Task RunFinalAsync(IFinalWorker worker)
    {
        var end = worker.Now + window.Ticks * 100;
        while (worker.Now < end)
        {
            await worker.ExecuteAsync(Final(worker.Thread));
            await worker.DelayUntil(worker.Now + every.Ticks * 100);
        }
    }
}
