using System.Text.Json.Nodes;
using Glomers.NodeRuntime;
using Glomers.NodeRuntime.Protocol;
using Glomers.NodeRuntime.Services;
using Microsoft.Extensions.Logging;

namespace Glomers.GCounter;

/// <summary>
/// Step 4: a counter (grow-only or positive-negative) kept in seq-kv, one slot per node.
/// A node is the only writer of its own slot, so its confirmed value is authoritative; adds wait
/// until a cas of the slot that carries them succeeds. Reads are answered from a table of all
/// slots, refreshed by a cas of the own slot (which moves this node to seq-kv's newest state)
/// followed by a read of every peer's slot.
/// </summary>
public sealed class GCounterNode
{
    private readonly Node node;
    private readonly GCounterOptions options;
    private readonly KvClient kv;
    private readonly SlotTable slots = new();
    private readonly AddBatcher<Message> batcher = new(SlotValue.Missing);
    private readonly TaskCompletionSource recovered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? flushing;
    private bool syncWanted;
    private bool wroteSinceRefresh;
    private IDisposable? refreshTimer;

    public GCounterNode(Node node, GCounterOptions options)
    {
        options.Validate();
        this.node = node;
        this.options = options;
        kv = KvClient.SeqKv(node, TimeSpan.FromMilliseconds(options.KvTimeoutMs));
        node.OnInit(() =>
        {
            _ = RecoverAsync();
            refreshTimer = node.Every(TimeSpan.FromMilliseconds(options.RefreshMs), RefreshAsync);
        });
        node.Closed += () => refreshTimer?.Dispose();
        node.On("add", Add);
        node.On("read", ReadAsync);
    }

    private void Add(Message request)
    {
        var delta = request.GetInt64("delta");
        // An add of zero changes no sum: there is nothing to make durable.
        if (delta == 0)
        {
            node.Reply(request, new JsonObject { ["type"] = "add_ok" });
            return;
        }
        try
        {
            batcher.Add(request, delta);
        }
        catch (OverflowException)
        {
            throw RpcException.Malformed($"add: delta {delta} would overflow the counter");
        }
        if (recovered.Task.IsCompleted) _ = FlushAsync();
    }

    private async Task ReadAsync(Message request)
    {
        await recovered.Task;
        node.Reply(request, new JsonObject { ["type"] = "read_ok", ["value"] = slots.Total });
    }

    /// <summary>After a start with empty memory, learn the own slot before writing to it or serving reads.</summary>
    private async Task RecoverAsync()
    {
        // Reads never go back past this node's own last write, so a plain read sees its slot as it is.
        Settle(await ReadOwnSlotAsync());
        node.Log.LogInformation("Recovered own slot {Slot}", batcher.Confirmed);
        recovered.SetResult();
        _ = FlushAsync();
    }

    private async Task RefreshAsync()
    {
        if (!recovered.Task.IsCompleted) return;
        // A successful cas of ours runs on the newest state and moves our read index there, so the
        // peer reads that follow see every write finished before it. An add's cas since the last
        // refresh already did that; otherwise an empty one (a version bump) does.
        syncWanted = !wroteSinceRefresh;
        wroteSinceRefresh = false;
        await FlushAsync();
        await Task.WhenAll(node.Peers.Select(ReadPeerAsync));
    }

    private Task FlushAsync() => flushing is { IsCompleted: false } ? flushing : flushing = FlushLoopAsync();

    /// <summary>One cas in flight at a time; adds that come meanwhile go in the next one.</summary>
    private async Task FlushLoopAsync()
    {
        while (batcher.WaitingCount > 0 || syncWanted)
        {
            syncWanted = false;
            try
            {
                await CasOnceAsync();
            }
            catch (Exception e)
            {
                node.Log.LogError(e, "Writing the own slot failed");
                await node.Delay(TimeSpan.FromMilliseconds(options.RetryMs));
            }
        }
    }

    private async Task CasOnceAsync()
    {
        var attempt = batcher.NextAttempt();
        try
        {
            await kv.CasAsync(node.Id, attempt.From.ToJson(), attempt.To.ToJson(), createIfNotExists: attempt.From == SlotValue.Missing);
            wroteSinceRefresh = true;
            Settle(attempt.To);
        }
        catch (RpcException e) when (e.Code == ErrorCode.PreconditionFailed || !e.Definite)
        {
            // Either an earlier attempt applied after all (precondition failed), or this one may
            // have (no answer): the slot itself says which attempt, if any, is in.
            node.Log.LogInformation("cas {From} -> {To} of {Key}: {Error}; reading the slot back", attempt.From, attempt.To, node.Id, e.Message);
            Settle(await ReadOwnSlotAsync());
        }
        catch (RpcException e)
        {
            node.Log.LogWarning("cas {From} -> {To} of {Key} refused: {Error}", attempt.From, attempt.To, node.Id, e.Message);
            await node.Delay(TimeSpan.FromMilliseconds(options.RetryMs));
        }
    }

    /// <summary>Records what the own slot holds and acknowledges the adds it contains.</summary>
    private void Settle(SlotValue ownSlot)
    {
        var acked = batcher.Observe(ownSlot);
        slots.Merge(node.Id, batcher.Confirmed);
        foreach (var request in acked) node.Reply(request, new JsonObject { ["type"] = "add_ok" });
    }

    /// <summary>Reads the own slot until seq-kv answers with a value this node can use.</summary>
    private async Task<SlotValue> ReadOwnSlotAsync()
    {
        while (true)
        {
            try
            {
                var json = await kv.ReadOrDefaultAsync(node.Id, null);
                if (json is null) return SlotValue.Missing;
                if (SlotValue.TryParse(json, out var value)) return value;
                node.Log.LogError("Own slot {Key} holds {Value}, which is not a slot value", node.Id, json.ToJsonString());
            }
            catch (RpcException e) when (!e.Definite)
            {
                node.Log.LogInformation("Reading own slot {Key}: {Error}", node.Id, e.Message);
                continue;
            }
            catch (RpcException e)
            {
                node.Log.LogWarning("Reading own slot {Key} refused: {Error}", node.Id, e.Message);
            }
            await node.Delay(TimeSpan.FromMilliseconds(options.RetryMs));
        }
    }

    private async Task ReadPeerAsync(string peer)
    {
        try
        {
            var json = await kv.ReadOrDefaultAsync(peer, null);
            if (json is null) return;
            if (SlotValue.TryParse(json, out var value)) slots.Merge(peer, value);
            else node.Log.LogError("Slot {Key} holds {Value}, which is not a slot value", peer, json.ToJsonString());
        }
        catch (RpcException e)
        {
            node.Log.LogInformation("Reading slot {Key}: {Error}", peer, e.Message);
        }
    }
}
