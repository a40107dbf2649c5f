namespace Glomers.NodeRuntime.Transport;

/// <summary>Carries protocol lines in and out of a node: one JSON message per line.</summary>
public interface ITransport
{
    /// <summary>Starts delivery: <paramref name="onLine"/> for each inbound line, then <paramref name="onClosed"/> once at end of input.</summary>
    void Start(Action<string> onLine, Action onClosed);

    /// <summary>Sends one message line. Safe from any thread; lines are never interleaved.</summary>
    void Send(string line);
}
