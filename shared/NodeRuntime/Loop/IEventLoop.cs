namespace Glomers.NodeRuntime.Loop;

/// <summary>
/// The single thread of control of a node. Everything a node does (handlers, RPC continuations,
/// timer ticks) runs as an action posted here, one at a time, so node state needs no locks.
/// </summary>
public interface IEventLoop
{
    /// <summary>Queues an action. Safe to call from any thread.</summary>
    void Post(Action action);

    /// <summary>Whether the calling thread is the loop's own, the one thread that may touch the node's state.</summary>
    bool IsCurrent { get; }
}

/// <summary>Routes <c>await</c> continuations back onto the loop they started on.</summary>
internal sealed class LoopSynchronizationContext(IEventLoop loop) : SynchronizationContext
{
    public IEventLoop Loop { get; } = loop;

    public override void Post(SendOrPostCallback d, object? state) => Loop.Post(() => d(state));

    public override void Send(SendOrPostCallback d, object? state) =>
        throw new NotSupportedException("A node's loop never blocks waiting for itself.");

    public override SynchronizationContext CreateCopy() => this;
}
