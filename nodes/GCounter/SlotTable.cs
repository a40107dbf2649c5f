namespace Glomers.GCounter;

/// <summary>
/// The latest known slot of every node. The counter's value is the sum of the slots; a slot only
/// moves forward, because a read that comes back with an older version is ignored.
/// </summary>
public sealed class SlotTable
{
    private readonly Dictionary<string, SlotValue> slots = new(StringComparer.Ordinal);

    public SlotValue this[string node] => slots.GetValueOrDefault(node, SlotValue.Missing);

    /// <summary>Takes <paramref name="value"/> if it is newer than what is known; says whether it did.</summary>
    public bool Merge(string node, SlotValue value)
    {
        if (slots.TryGetValue(node, out var known) && known.Version >= value.Version) return false;
        slots[node] = value;
        return true;
    }

    public long Total => slots.Values.Sum(s => s.Sum);
}
