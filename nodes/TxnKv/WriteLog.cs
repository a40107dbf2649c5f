namespace Glomers.TxnKv;

/// <summary>One committed transaction of this node as it travels: its stamp's time and its final writes.</summary>
public sealed record LoggedTxn(long Time, IReadOnlyList<FinalWrite> Writes);

/// <summary>
/// This node's own writing transactions, numbered 1, 2, 3, … in commit order, kept until every
/// peer has confirmed them.
/// </summary>
public sealed class WriteLog
{
    private readonly List<LoggedTxn> entries = [];
    private long firstSeq = 1;

    /// <summary>The sequence number of the newest entry (0 when nothing was ever logged).</summary>
    public long End => firstSeq + entries.Count - 1;

    /// <summary>Entries still held: those above the lowest confirmation.</summary>
    public int Held => entries.Count;

    public long Append(LoggedTxn txn)
    {
        entries.Add(txn);
        return End;
    }

    public LoggedTxn this[long seq] => seq >= firstSeq && seq <= End
        ? entries[(int)(seq - firstSeq)]
        : throw new ArgumentOutOfRangeException(nameof(seq), $"entry {seq} is not held (held: {firstSeq}..{End})");

    /// <summary>Drops every entry up to <paramref name="seq"/>, which all peers have.</summary>
    public void Prune(long seq)
    {
        var drop = (int)Math.Clamp(seq - firstSeq + 1, 0, entries.Count);
        if (drop == 0) return;
        entries.RemoveRange(0, drop);
        firstSeq += drop;
    }
}
