namespace Glomers.KafkaLog;

/// <summary>Settings of the log node, bound from the arguments after <c>--</c> (<c>--epoch-ms 100</c>, <c>--durable</c>).</summary>
public sealed class KafkaLogOptions
{
    /// <summary>How often a node tells each peer what it has not yet confirmed (new messages, promises, commits).</summary>
    public int EpochMs { get; set; } = 50;

    /// <summary>How long events a peer has not confirmed wait before they are sent again though nothing is new.</summary>
    public int RetransmitMs { get; set; } = 200;

    /// <summary>At most this many messages per key in one poll reply.</summary>
    public int MaxPollMessages { get; set; } = 100;

    /// <summary>At most this many events in one message to a peer (a peer that restarts gets the rest in later ones).</summary>
    public int MaxEventsPerSync { get; set; } = 4096;

    /// <summary>Acknowledge a send or commit only once it is written to lin-kv, and recover from there after a restart.</summary>
    public bool Durable { get; set; }

    /// <summary>In durable mode, the least time between two writes to lin-kv (sends and commits that come meanwhile share one).</summary>
    public int FlushMs { get; set; } = 5;

    /// <summary>How long a lin-kv request may go unanswered before its outcome counts as unknown.</summary>
    public int KvTimeoutMs { get; set; } = 1000;

    public void Validate()
    {
        if (EpochMs <= 0) throw new ArgumentException($"--epoch-ms must be positive, got {EpochMs}");
        if (RetransmitMs <= 0) throw new ArgumentException($"--retransmit-ms must be positive, got {RetransmitMs}");
        if (MaxPollMessages <= 0) throw new ArgumentException($"--max-poll-messages must be positive, got {MaxPollMessages}");
        if (MaxEventsPerSync <= 0) throw new ArgumentException($"--max-events-per-sync must be positive, got {MaxEventsPerSync}");
        if (FlushMs < 0) throw new ArgumentException($"--flush-ms must not be negative, got {FlushMs}");
        if (KvTimeoutMs <= 0) throw new ArgumentException($"--kv-timeout-ms must be positive, got {KvTimeoutMs}");
    }
}
