using System.Text.Json.Nodes;
using Glomers.NodeRuntime;
using Glomers.NodeRuntime.Protocol;
using Glomers.NodeRuntime.Services;
using Microsoft.Extensions.Logging;

namespace Glomers.TxnKv;

/// <summary>
/// The strict-serializable mode: the whole database is one lin-kv value
/// <c>{"version": "n0/17", "registers": {key: value}}</c>, replaced by compare-and-set. Transactions
/// that wait on a node commit together (group commit): applied in turn to the value last read, and
/// swapped in by one cas, read-only ones included, so that each takes effect at the cas's
/// linearization point, inside its own request's lifetime. A batch of reads alone needs only a read,
/// which lin-kv likewise linearizes. The version is unique, so after a cas without an answer a read
/// says whether it landed.
/// </summary>
internal sealed class SharedDatabase(Node node, TimeSpan kvTimeout, TimeSpan groupWindow)
{
    public const string Key = "txn-database";

    private readonly KvClient kv = KvClient.LinKv(node, kvTimeout);
    private readonly List<(IReadOnlyList<MicroOp> Ops, TaskCompletionSource<JsonArray> Done)> waiting = [];
    private JsonObject? known;
    private long versions;
    private Task? committing;

    public Task<JsonArray> ExecuteAsync(IReadOnlyList<MicroOp> ops)
    {
        var done = new TaskCompletionSource<JsonArray>(TaskCreationOptions.RunContinuationsAsynchronously);
        waiting.Add((ops, done));
        if (committing is null or { IsCompleted: true }) committing = CommitLoopAsync();
        return done.Task;
    }

    private async Task CommitLoopAsync()
    {
        while (waiting.Count > 0)
        {
            await node.Delay(groupWindow);
            var batch = waiting.ToList();
            waiting.Clear();
            try
            {
                var results = await CommitAsync(batch.Select(b => b.Ops).ToList());
                for (var i = 0; i < batch.Count; i++) batch[i].Done.SetResult(results[i]);
            }
            catch (Exception e)
            {
                // The outcome is unknown or refused: the clients hear so (an indefinite error for writes).
                node.Log.LogWarning("Commit of {Count} txns failed: {Error}", batch.Count, e.Message);
                var error = e as RpcException ?? new RpcException(ErrorCode.Crash, e.Message);
                foreach (var b in batch) b.Done.SetException(error);
            }
        }
    }

    /// <summary>Commits one batch; retries while other nodes' cas come first.</summary>
    private async Task<List<JsonArray>> CommitAsync(List<IReadOnlyList<MicroOp>> batch)
    {
        var writes = batch.Any(TxnRun.Writes);
        if (!writes)
        {
            var current = await ReadAsync();
            return Apply(current, batch).Results;
        }
        var before = known ?? await ReadAsync();
        var attempt = Apply(before, batch);
        while (true)
        {
            try
            {
                await kv.CasAsync(Key, before, attempt.After, createIfNotExists: before is null);
                known = attempt.After;
                return attempt.Results;
            }
            catch (RpcException e) when (e.Code == ErrorCode.PreconditionFailed || e.Code == ErrorCode.KeyDoesNotExist || !e.Definite)
            {
                var current = await ReadAsync();
                if (SameVersion(current, attempt.After))
                {
                    known = current;
                    return attempt.Results;
                }
                // Unchanged: our cas may still be on its way; sending the same one again is harmless.
                if (!e.Definite && SameVersion(current, before)) continue;
                before = current;
                attempt = Apply(before, batch);
            }
        }
    }

    private async Task<JsonObject?> ReadAsync()
    {
        while (true)
        {
            try
            {
                var value = await kv.ReadOrDefaultAsync(Key, null);
                if (value is not null and not JsonObject) throw new RpcException(ErrorCode.Crash, $"{Key} holds {value.ToJsonString()}, not a database");
                return known = (JsonObject?)value;
            }
            catch (RpcException e) when (!e.Definite)
            {
                node.Log.LogInformation("Reading {Key}: {Error}; reading again", Key, e.Message);
            }
        }
    }

    private (JsonObject After, List<JsonArray> Results) Apply(JsonObject? before, List<IReadOnlyList<MicroOp>> batch)
    {
        var registers = (before?["registers"] as JsonObject)?.DeepClone().AsObject() ?? [];
        var results = new List<JsonArray>(batch.Count);
        foreach (var ops in batch)
        {
            var (done, finals) = TxnRun.Execute(ops, k => registers[k]);
            foreach (var w in finals) registers[w.KeyText] = w.Value.DeepClone();
            results.Add(done);
        }
        var after = new JsonObject { ["version"] = $"{node.Id}/{++versions}", ["registers"] = registers };
        return (after, results);
    }

    private static bool SameVersion(JsonObject? a, JsonObject? b) =>
        a?["version"]?.ToJsonString() == b?["version"]?.ToJsonString();
}
