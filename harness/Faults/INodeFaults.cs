namespace Glomers.Harness.Faults;

/// <summary>
/// The faults a cluster can inflict on its own nodes for the nemesis: stop a node's processing and
/// let it go on later with its state, or kill it and start it again with empty memory.
/// Called on the scheduler.
/// </summary>
public interface INodeFaults
{
    /// <summary>The node stops handling messages and timers; what arrives meanwhile waits for it.</summary>
    void Pause(string node);

    void Resume(string node);

    /// <summary>The node is gone: its memory is lost and messages to it are dropped until it restarts.</summary>
    void Kill(string node);

    /// <summary>Starts a fresh node in place of a killed one. It still needs an init from the bench.</summary>
    void Restart(string node);
}
