using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Glomers.NodeRuntime.Loop;
using Glomers.NodeRuntime.Protocol;
using Glomers.NodeRuntime.Randomness;
using Glomers.NodeRuntime.Time;
using Microsoft.Extensions.Logging;

namespace Glomers.NodeRuntime;

/// <summary>
/// A Maelstrom node: a table of handlers on one event loop, plus sending, replying, RPC and timers.
/// Handlers, RPC continuations and timer callbacks all run on the node's loop, one at a time, so
/// the node's state (handlers, waiting calls, message ids) has no locks: what comes from other
/// threads (input lines, timers, cancellations) is posted to the loop. Until <see cref="Start"/>
/// the thread that builds the node owns it; from then on only the loop may call in, and a debug
/// build throws on a call from anywhere else.
/// </summary>
public sealed class Node
{
    private readonly NodeContext context;
    private readonly Dictionary<string, Func<Message, Task>> handlers = new(StringComparer.Ordinal);
    private readonly Dictionary<long, PendingCall> pending = [];
    private readonly List<Func<Task>> initHooks = [];
    private long lastMsgId;
    private bool started;

    public Node(NodeContext context)
    {
        this.context = context;
        Random = new SeededRandom(context.Seed, "node");
    }

    /// <summary>This node's id, known once <c>init</c> has arrived.</summary>
    public string Id { get; private set; } = "";

    /// <summary>Every node of the cluster, this one included, in Maelstrom's order.</summary>
    public IReadOnlyList<string> NodeIds { get; private set; } = [];

    /// <summary>Every other node of the cluster.</summary>
    public IReadOnlyList<string> Peers { get; private set; } = [];

    public bool Initialized => Id.Length > 0;
    public TimeProvider Time => context.Time;
    public Random Random { get; }
    public ILogger Log => context.Logger;

    /// <summary>Raised on the loop when input ends (EOF on stdin).</summary>
    public event Action? Closed;

    /// <summary>Registers the handler for requests of one type. A handler that throws answers an error.</summary>
    public void On(string type, Func<Message, Task> handler)
    {
        AssertOnLoop();
        if (type == "init") throw new ArgumentException("init is handled by the runtime; use OnInit.", nameof(type));
        if (!handlers.TryAdd(type, handler)) throw new ArgumentException($"A handler for '{type}' is already registered.", nameof(type));
    }

    public void On(string type, Action<Message> handler) => On(type, m =>
    {
        handler(m);
        return Task.CompletedTask;
    });

    /// <summary>Runs after the node has its id and has answered init_ok.</summary>
    public void OnInit(Func<Task> hook)
    {
        AssertOnLoop();
        initHooks.Add(hook);
    }

    public void OnInit(Action hook) => OnInit(() =>
    {
        hook();
        return Task.CompletedTask;
    });

    /// <summary>Starts reading the transport. Call once, after every handler is registered.</summary>
    public void Start()
    {
        started = true;
        context.Transport.Start(
            line => context.Loop.Post(() => Receive(line)),
            () => context.Loop.Post(OnClosed));
    }

    /// <summary>Sends a message that expects no reply. It carries a fresh msg_id.</summary>
    public void Send(string dest, JsonObject body)
    {
        AssertOnLoop();
        Send(Id, dest, body, NextMsgId(), null);
    }

    /// <summary>Answers a request: the body goes back to its sender with in_reply_to set.</summary>
    public void Reply(Message request, JsonObject body)
    {
        AssertOnLoop();
        if (request.MsgId is not { } id)
        {
            Log.LogWarning("Cannot reply {Type} to {Src}: the request had no msg_id", body["type"], request.Src);
            return;
        }
        // Before init (or after a refused one) the node has no id yet: it answers as the address it was sent to.
        Send(Initialized ? Id : request.Dest, request.Src, body, NextMsgId(), id);
    }

    /// <summary>Answers a request with a Maelstrom error.</summary>
    public void ReplyError(Message request, ErrorCode code, string text) =>
        Reply(request, new JsonObject { ["type"] = "error", ["code"] = (int)code, ["text"] = text });

    /// <summary>
    /// Sends a request and waits for its reply. Throws <see cref="RpcException"/> with the peer's
    /// code for an error reply, or with <see cref="ErrorCode.Timeout"/> when none came in time.
    /// A late reply after a timeout or cancellation is logged and dropped.
    /// </summary>
    public Task<Message> RpcAsync(string dest, JsonObject body, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        AssertOnLoop();
        cancellationToken.ThrowIfCancellationRequested();
        var id = NextMsgId();
        var call = new PendingCall(dest, body["type"]?.GetValue<string>() ?? "?");
        pending.Add(id, call);
        call.Timer = context.Time.CreateTimer(_ => context.Loop.Post(() =>
            Fail(id, new RpcException(ErrorCode.Timeout, $"{call.Type} to {dest} timed out after {timeout.TotalMilliseconds:0} ms"))),
            null, timeout, Timeout.InfiniteTimeSpan);
        if (cancellationToken.CanBeCanceled)
        {
            call.Cancellation = cancellationToken.Register(() => context.Loop.Post(() =>
            {
                if (Remove(id) is { } c) c.Completion.TrySetCanceled(cancellationToken);
            }));
        }
        Send(Id, dest, body, id, null);
        return call.Completion.Task;
    }

    /// <summary>Number of RPCs waiting for a reply.</summary>
    public int PendingRpcCount
    {
        get
        {
            AssertOnLoop();
            return pending.Count;
        }
    }

    /// <summary>
    /// Calls <paramref name="callback"/> every <paramref name="interval"/> on the loop. A tick that
    /// comes while the previous call is still running is skipped. Dispose the result to stop: on the
    /// loop, no tick runs after it; from another thread the stop is posted to the loop, behind any
    /// tick already waiting there.
    /// </summary>
    public IDisposable Every(TimeSpan interval, Func<Task> callback)
    {
        var running = false;
        var stopped = false;
        var timer = context.Time.CreateTimer(_ => context.Loop.Post(() => _ = Tick()), null, interval, interval);
        return new PeriodicWork(timer, () =>
        {
            if (context.Loop.IsCurrent) stopped = true;
            else context.Loop.Post(() => stopped = true);
        });

        async Task Tick()
        {
            // A tick may already wait on the loop when the work is stopped; it must not run.
            if (running || stopped) return;
            running = true;
            try { await callback(); }
            catch (Exception e) { Log.LogError(e, "Periodic task failed"); }
            finally { running = false; }
        }
    }

    public IDisposable Every(TimeSpan interval, Action callback) => Every(interval, () =>
    {
        callback();
        return Task.CompletedTask;
    });

    /// <summary>Waits on the node's clock, to the tick, and goes on on the node's loop (see <see cref="TimerDelay"/>).</summary>
    public Task Delay(TimeSpan delay, CancellationToken cancellationToken = default) =>
        TimerDelay.Wait(context.Time, delay, context.Loop.Post, cancellationToken);

    /// <summary>Fails every RPC still waiting; used at shutdown.</summary>
    public void CancelPendingRpcs()
    {
        AssertOnLoop();
        PendingCall[] calls = [.. pending.Values];
        pending.Clear();
        foreach (var c in calls)
        {
            c.Dispose();
            c.Completion.TrySetCanceled();
        }
    }

    private void Receive(string line)
    {
        AssertOnLoop();
        if (!Message.TryParse(line, out var message, out var error))
        {
            Log.LogError("Skipped a malformed line ({Error}): {Line}", error, Truncate(line));
            return;
        }
        if (message.InReplyTo is { } replyTo)
        {
            if (Remove(replyTo) is { } call)
            {
                if (message.IsError)
                {
                    var code = (ErrorCode)(message.OptionalInt64("code") ?? (long)ErrorCode.Crash);
                    var text = message.Body["text"] is JsonValue t && t.TryGetValue(out string? s) ? s : code.Name();
                    call.Completion.TrySetException(new RpcException(code, text));
                }
                else
                {
                    call.Completion.TrySetResult(message);
                }
            }
            else
            {
                Log.LogInformation("Dropped a reply to {MsgId} from {Src} that nothing waits for: {Line}", replyTo, message.Src, Truncate(line));
            }
            return;
        }
        if (message.Type == "init")
        {
            _ = HandleInit(message);
            return;
        }
        if (!Initialized)
        {
            ReplyOrLog(message, ErrorCode.TemporarilyUnavailable, $"{message.Type} before init");
            return;
        }
        if (!handlers.TryGetValue(message.Type, out var handler))
        {
            ReplyOrLog(message, ErrorCode.NotSupported, $"unsupported message type '{message.Type}'");
            return;
        }
        _ = Handle(message, handler);
    }

    private async Task Handle(Message message, Func<Message, Task> handler)
    {
        try
        {
            await handler(message);
        }
        catch (RpcException e)
        {
            ReplyOrLog(message, e.Code, e.Message);
        }
        catch (Exception e)
        {
            Log.LogError(e, "Handler for {Type} failed on {Line}", message.Type, Truncate(message.ToString()));
            ReplyOrLog(message, ErrorCode.Crash, $"{e.GetType().Name}: {e.Message}");
        }
    }

    private async Task HandleInit(Message message)
    {
        try
        {
            var id = message.GetString("node_id");
            if (message.Required("node_ids") is not JsonArray ids || ids.Any(n => n is not JsonValue v || !v.TryGetValue(out string? _)))
                throw RpcException.Malformed("init: field 'node_ids' must be an array of strings");
            var nodeIds = ids.Select(n => n!.GetValue<string>()).ToArray();
            if (Initialized)
            {
                if (id != Id) throw new RpcException(ErrorCode.PreconditionFailed, $"init: already initialised as {Id}");
                Reply(message, new JsonObject { ["type"] = "init_ok" });
                return;
            }
            Id = id;
            NodeIds = nodeIds;
            Peers = [.. nodeIds.Where(n => n != id)];
            Reply(message, new JsonObject { ["type"] = "init_ok" });
        }
        catch (RpcException e)
        {
            ReplyOrLog(message, e.Code, e.Message);
            return;
        }
        Log.LogInformation("Node {Id} initialised; cluster {Nodes}", Id, string.Join(",", NodeIds));
        foreach (var hook in initHooks)
        {
            try { await hook(); }
            catch (Exception e) { Log.LogError(e, "Init hook failed"); }
        }
    }

    private void ReplyOrLog(Message request, ErrorCode code, string text)
    {
        if (request.MsgId is null) Log.LogWarning("{Code} for {Type} from {Src} (no msg_id to answer): {Text}", code.Name(), request.Type, request.Src, text);
        else ReplyError(request, code, text);
    }

    private void OnClosed()
    {
        Log.LogInformation("Input closed");
        Closed?.Invoke();
    }

    private void Fail(long id, RpcException error)
    {
        if (Remove(id) is { } call) call.Completion.TrySetException(error);
    }

    private PendingCall? Remove(long id)
    {
        if (!pending.Remove(id, out var call)) return null;
        call.Dispose();
        return call;
    }

    private void Send(string src, string dest, JsonObject body, long msgId, long? inReplyTo) =>
        context.Transport.Send(EnvelopeCodec.Write(src, dest, body, msgId, inReplyTo));

    private long NextMsgId() => ++lastMsgId;

    /// <summary>Throws on a call into the node's state from off its loop once it has started. Debug builds only: release calls compile away.</summary>
    [Conditional("DEBUG")]
    private void AssertOnLoop([CallerMemberName] string caller = "")
    {
        if (started && !context.Loop.IsCurrent)
            throw new InvalidOperationException(
                $"Node.{caller} was called off the node's loop (thread '{Thread.CurrentThread.Name ?? Environment.CurrentManagedThreadId.ToString(System.Globalization.CultureInfo.InvariantCulture)}'): post the work to the loop instead.");
    }

    private static string Truncate(string line) => line.Length <= 500 ? line : line[..500] + "…";

    private sealed class PeriodicWork(ITimer timer, Action stop) : IDisposable
    {
        public void Dispose()
        {
            stop();
            timer.Dispose();
        }
    }

    private sealed class PendingCall(string dest, string type)
    {
        public string Dest { get; } = dest;
        public string Type { get; } = type;
        public TaskCompletionSource<Message> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public ITimer? Timer { get; set; }
        public CancellationTokenRegistration Cancellation { get; set; }

        public void Dispose()
        {
            Timer?.Dispose();
            Cancellation.Dispose();
        }
    }
}
