using System.Collections.Concurrent;

namespace Glomers.NodeRuntime.Loop;

/// <summary>The loop of a node process: one dedicated thread that runs posted actions in order.</summary>
public sealed class ThreadEventLoop : IEventLoop, IDisposable
{
    private readonly BlockingCollection<Action> queue = new(new ConcurrentQueue<Action>());
    private readonly Thread thread;
    private readonly Action<Exception> onError;

    public ThreadEventLoop(Action<Exception> onError, string name = "node-loop")
    {
        this.onError = onError;
        thread = new Thread(Run) { IsBackground = true, Name = name };
        thread.Start();
    }

    public bool IsCurrent => Thread.CurrentThread == thread;

    public void Post(Action action)
    {
        if (!queue.IsAddingCompleted)
        {
            try { queue.Add(action); }
            catch (InvalidOperationException) { /* completed concurrently: the loop is shutting down */ }
        }
    }

    private void Run()
    {
        SynchronizationContext.SetSynchronizationContext(new LoopSynchronizationContext(this));
        foreach (var action in queue.GetConsumingEnumerable())
        {
            try { action(); }
            catch (Exception e) { onError(e); }
        }
    }

    /// <summary>Runs what is already queued, then stops the thread.</summary>
    public void Dispose()
    {
        queue.CompleteAdding();
        if (Thread.CurrentThread != thread) thread.Join(TimeSpan.FromSeconds(5));
    }
}
