namespace Glomers.NodeRuntime.Loop;

/// <summary>
/// A loop that its owner drives: actions wait in a queue until <see cref="RunPending"/> is called.
/// Tests and the deterministic simulator use it, so that nothing runs behind their back. Its thread
/// is the driver's: the one that made it, then the one that last ran it; between runs the driver
/// may touch the node as the loop would, since nothing else runs it meanwhile.
/// </summary>
public sealed class ManualEventLoop : IEventLoop
{
    // Locked because Post comes from any thread (a timer's, a cancellation's, the transport's), like ThreadEventLoop's queue.
    private readonly Queue<Action> queue = new();
    private readonly LoopSynchronizationContext context;
    private readonly Action<Exception>? onError;
    private int driver = Environment.CurrentManagedThreadId;

    public ManualEventLoop(Action<Exception>? onError = null)
    {
        context = new LoopSynchronizationContext(this);
        this.onError = onError;
    }

    /// <summary>Raised when an action is queued; the simulator uses it to schedule the node.</summary>
    public event Action? Posted;

    public bool IsCurrent => Environment.CurrentManagedThreadId == driver;

    public int PendingCount
    {
        get { lock (queue) return queue.Count; }
    }

    public void Post(Action action)
    {
        lock (queue) queue.Enqueue(action);
        Posted?.Invoke();
    }

    /// <summary>Runs actions until the queue is empty, including those they post. Returns how many ran.</summary>
    public int RunPending()
    {
        var ran = 0;
        driver = Environment.CurrentManagedThreadId;
        var saved = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(context);
        try
        {
            while (true)
            {
                Action? next;
                lock (queue)
                {
                    if (!queue.TryDequeue(out next)) return ran;
                }
                ran++;
                try { next(); }
                catch (Exception e) when (onError is not null) { onError(e); }
            }
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(saved);
        }
    }
}
