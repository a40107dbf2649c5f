namespace Glomers.TxnKv;

/// <summary>Settings of the transactional node, bound from the arguments after <c>--</c> (<c>--isolation strict-serializable</c>).</summary>
public sealed class TxnKvOptions
{
    public const string ReadCommitted = "read-committed";
    public const string StrictSerializable = "strict-serializable";

    /// <summary>
    /// <c>read-committed</c>: every node answers at once from its own replica (totally available).
    /// <c>strict-serializable</c>: the database is one lin-kv value, changed by compare-and-set.
    /// </summary>
    public string Isolation { get; set; } = ReadCommitted;

    /// <summary>How often a node sends each peer the writes it has not confirmed (read-committed).</summary>
    public int ReplicateMs { get; set; } = 100;

    /// <summary>How long unconfirmed writes wait before they are sent again in full (read-committed).</summary>
    public int ResendMs { get; set; } = 500;

    /// <summary>How long a lin-kv request may go unanswered before its outcome counts as unknown (strict-serializable).</summary>
    public int KvTimeoutMs { get; set; } = 1000;

    /// <summary>
    /// How long a transaction waits for others to share its compare-and-set (strict-serializable):
    /// one cas carries every transaction that waited. 0 commits as soon as no cas is in flight.
    /// </summary>
    public int GroupMs { get; set; }

    public bool IsStrict => Isolation == StrictSerializable;

    public void Validate()
    {
        if (Isolation is not (ReadCommitted or StrictSerializable))
            throw new ArgumentException($"--isolation must be {ReadCommitted} or {StrictSerializable}, got '{Isolation}'");
        if (ReplicateMs <= 0) throw new ArgumentException($"--replicate-ms must be positive, got {ReplicateMs}");
        if (ResendMs <= 0) throw new ArgumentException($"--resend-ms must be positive, got {ResendMs}");
        if (GroupMs < 0) throw new ArgumentException($"--group-ms must not be negative, got {GroupMs}");
        if (KvTimeoutMs <= 0) throw new ArgumentException($"--kv-timeout-ms must be positive, got {KvTimeoutMs}");
    }
}
