namespace Glomers.GCounter;

/// <summary>Settings of the counter node, bound from the arguments after <c>--</c> (<c>--refresh-ms 500</c>).</summary>
public sealed class GCounterOptions
{
    /// <summary>How often the node forces itself to seq-kv's newest state and rereads the peers' slots.</summary>
    public int RefreshMs { get; set; } = 1000;

    /// <summary>How long a seq-kv request may go unanswered before its outcome counts as unknown.</summary>
    public int KvTimeoutMs { get; set; } = 1000;

    /// <summary>Pause before trying again after seq-kv refused a request outright.</summary>
    public int RetryMs { get; set; } = 100;

    public void Validate()
    {
        if (RefreshMs <= 0) throw new ArgumentException($"--refresh-ms must be positive, got {RefreshMs}");
        if (KvTimeoutMs <= 0) throw new ArgumentException($"--kv-timeout-ms must be positive, got {KvTimeoutMs}");
        if (RetryMs <= 0) throw new ArgumentException($"--retry-ms must be positive, got {RetryMs}");
    }
}
