namespace Glomers.Harness.Workloads;

/// <summary>One micro-op of a generated transaction: a read (value null) or a write of a value unique to its key.</summary>
public readonly record struct MicroOp(bool IsWrite, long Key, long? Value);

/// <summary>
/// Elle's wr-txns generator, which Maelstrom's txn-rw-register and (with one micro-op per txn) kafka
/// workloads use: each txn has a uniform length in [min, max]; each micro-op is a read or a write at
/// 50/50 on a key of the active pool, drawn with weights 2, 4, 8, … (the newest keys most often). The
/// writes to a key are 1, 2, 3, …; a key that would get more than max-writes-per-key writes is retired
/// and replaced in the pool by a key one above the largest active key, and the micro-op is drawn anew.
/// </summary>
public sealed class WriteReadTxns
{
    private readonly int minLength;
    private readonly int maxLength;
    private readonly int maxWritesPerKey;
    private readonly List<long> activeKeys;
    private readonly Dictionary<long, long> nextValue = [];
    private readonly double scale;

    /// <summary>Elle's defaults are 10 keys and at most 32 writes per key; Maelstrom passes its own --max-writes-per-key (16).</summary>
    public WriteReadTxns(int keyCount = 10, int minLength = 1, int maxLength = 2, int maxWritesPerKey = 32)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(keyCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(minLength, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, minLength);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxWritesPerKey, 1);
        this.minLength = minLength;
        this.maxLength = maxLength;
        this.maxWritesPerKey = maxWritesPerKey;
        activeKeys = [.. Enumerable.Range(0, keyCount).Select(k => (long)k)];
        // Elle's key-dist-scale for base 2: a uniform draw in [0, scale) maps onto key indexes with weights 2^(i+1).
        scale = (Math.Pow(2, Math.Min(keyCount, 60)) - 1) * 2;
    }

    public IReadOnlyList<long> ActiveKeys => activeKeys;

    public IReadOnlyList<MicroOp> Next(Random random)
    {
        var length = minLength + random.Next(maxLength - minLength + 1);
        var txn = new List<MicroOp>(length);
        while (txn.Count < length)
        {
            var write = random.Next(2) == 1;
            var key = RandomKey(random);
            if (!write)
            {
                txn.Add(new MicroOp(false, key, null));
                continue;
            }
            var value = nextValue.GetValueOrDefault(key, 1);
            if (value > maxWritesPerKey)
            {
                activeKeys[activeKeys.IndexOf(key)] = activeKeys.Max() + 1;
                continue;
            }
            nextValue[key] = value + 1;
            txn.Add(new MicroOp(true, key, value));
        }
        return txn;
    }

    private long RandomKey(Random random)
    {
        var r = random.NextDouble();
        // Past 2^60 the +2 no longer counts, and the scale itself would overflow a double: work in logarithms.
        var index = activeKeys.Count <= 60 ? Math.Floor(Math.Log2(r * scale + 2) - 1) : Math.Floor(Math.Log2(r) + activeKeys.Count);
        return activeKeys[(int)Math.Clamp(double.IsNaN(index) ? 0 : index, 0, activeKeys.Count - 1)];
    }
}
