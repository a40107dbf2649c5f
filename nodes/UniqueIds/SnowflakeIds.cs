namespace Glomers.UniqueIds;

/// <summary>
/// 64-bit ids with no coordination: 41 bits of milliseconds since 2024, 10 bits of node index,
/// 12 bits of sequence. Two nodes never collide (different index); one node never repeats
/// (time and sequence only move forward), and a restarted node starts at a later millisecond.
/// More than 4096 ids in one millisecond borrow the next millisecond rather than wrap.
/// </summary>
public sealed class SnowflakeIds
{
    public const int NodeBits = 10;
    public const int SequenceBits = 12;
    public const int MaxNodes = 1 << NodeBits;
    private const long MaxSequence = (1 << SequenceBits) - 1;
    private static readonly long Epoch = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    private readonly long nodeIndex;
    private long lastMs = -1;
    private long sequence;

    public SnowflakeIds(int nodeIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(nodeIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(nodeIndex, MaxNodes);
        this.nodeIndex = nodeIndex;
    }

    public long Next(DateTimeOffset now)
    {
        var ms = Math.Max(now.ToUnixTimeMilliseconds() - Epoch, lastMs);
        if (ms == lastMs)
        {
            if (++sequence > MaxSequence)
            {
                ms++;
                sequence = 0;
            }
        }
        else
        {
            sequence = 0;
        }
        lastMs = ms;
        return (ms << (NodeBits + SequenceBits)) | (nodeIndex << SequenceBits) | sequence;
    }

    /// <summary>Splits an id back into its parts, for logs and tests.</summary>
    public static (long Millis, int Node, int Sequence) Parse(long id) =>
        ((id >> (NodeBits + SequenceBits)) + Epoch, (int)((id >> SequenceBits) & (MaxNodes - 1)), (int)(id & MaxSequence));
}
