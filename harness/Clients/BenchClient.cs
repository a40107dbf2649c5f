using System.Text.Json.Nodes;
using Glomers.Harness.Core;
using Glomers.Harness.Network;

namespace Glomers.Harness.Clients;

/// <summary>
/// A Maelstrom client: one request at a time, msg_ids from 1, replies matched on in_reply_to;
/// anything else that arrives (late replies to a request it gave up on) is dropped.
/// </summary>
public sealed class BenchClient(string id, Scheduler scheduler, Router network) : IEndpoint
{
    private long lastMsgId;
    private (long MsgId, TaskCompletionSource<JsonObject?> Reply)? waiting;

    public string Id { get; } = id;

    /// <summary>Sends a request and waits for its reply body, or null when none came in time.</summary>
    public async Task<JsonObject?> CallAsync(string dest, JsonObject body, TimeSpan timeout)
    {
        if (waiting is not null) throw new InvalidOperationException($"{Id} can't send more than one request at a time");
        var msgId = ++lastMsgId;
        var reply = new TaskCompletionSource<JsonObject?>(TaskCreationOptions.RunContinuationsAsynchronously);
        waiting = (msgId, reply);
        body["msg_id"] = msgId;
        using var timer = scheduler.After(timeout, () => reply.TrySetResult(null));
        network.Send(Id, dest, body);
        try
        {
            return await reply.Task;
        }
        finally
        {
            waiting = null;
        }
    }

    public void Deliver(Envelope message)
    {
        if (waiting is { } w && Checkers.JsonNumbers.TryGetInt64(message.Body["in_reply_to"], out var r) && r == w.MsgId)
            w.Reply.TrySetResult(message.Body);
    }
}
