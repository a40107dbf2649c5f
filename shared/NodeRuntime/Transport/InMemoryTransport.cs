namespace Glomers.NodeRuntime.Transport;

/// <summary>A transport held in memory: the owner delivers lines and sees what the node sent.</summary>
public sealed class InMemoryTransport : ITransport
{
    // Locked because the node sends from its loop while its owner reads what was sent from another thread.
    private readonly List<string> sent = [];
    private Action<string>? onLine;
    private Action? onClosed;

    /// <summary>Raised for each line the node sends, on the sender's thread.</summary>
    public event Action<string>? LineSent;

    public void Start(Action<string> onLine, Action onClosed)
    {
        this.onLine = onLine;
        this.onClosed = onClosed;
    }

    public void Send(string line)
    {
        lock (sent) sent.Add(line);
        LineSent?.Invoke(line);
    }

    /// <summary>Hands a line to the node, as if it had arrived on stdin.</summary>
    public void Deliver(string line) =>
        (onLine ?? throw new InvalidOperationException("The node has not started its transport."))(line);

    /// <summary>Ends input, as EOF on stdin would.</summary>
    public void Close() => onClosed?.Invoke();

    /// <summary>Every line sent so far, in order.</summary>
    public IReadOnlyList<string> Sent
    {
        get { lock (sent) return sent.ToArray(); }
    }

    /// <summary>Returns the lines sent since the last call and forgets them.</summary>
    public IReadOnlyList<string> TakeSent()
    {
        lock (sent)
        {
            var lines = sent.ToArray();
            sent.Clear();
            return lines;
        }
    }
}
