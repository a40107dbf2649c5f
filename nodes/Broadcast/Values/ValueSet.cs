namespace Glomers.Broadcast.Values;

/// <summary>
/// A set of integers kept as sorted, disjoint, non-adjacent ranges. Broadcast values are
/// 0, 1, 2, ... so a node's whole set is a handful of ranges: its own digest.
/// </summary>
public sealed class ValueSet
{
    private readonly List<ValueRange> ranges;

    public ValueSet() => ranges = [];

    private ValueSet(List<ValueRange> normalised) => ranges = normalised;

    public static ValueSet Empty => new();

    public IReadOnlyList<ValueRange> Ranges => ranges;

    public bool IsEmpty => ranges.Count == 0;

    /// <summary>How many values, saturated at <see cref="long.MaxValue"/> for sets received from peers.</summary>
    public long Count
    {
        get
        {
            Int128 total = 0;
            foreach (var r in ranges) total += (Int128)r.Hi - r.Lo + 1;
            return total > long.MaxValue ? long.MaxValue : (long)total;
        }
    }

    /// <summary>Builds a set from ranges in any order, overlapping or not.</summary>
    public static ValueSet FromRanges(IEnumerable<ValueRange> input)
    {
        var sorted = input.ToList();
        foreach (var r in sorted)
        {
            if (r.Lo > r.Hi) throw new ArgumentException($"range {r.Lo}..{r.Hi} is empty: its low end is above its high end");
        }
        sorted.Sort((a, b) => a.Lo.CompareTo(b.Lo));
        var merged = new List<ValueRange>(sorted.Count);
        foreach (var r in sorted)
        {
            if (merged.Count > 0 && Touches(merged[^1], r))
                merged[^1] = merged[^1] with { Hi = Math.Max(merged[^1].Hi, r.Hi) };
            else
                merged.Add(r);
        }
        return new ValueSet(merged);
    }

    public static ValueSet Of(params IEnumerable<long> values)
    {
        var set = new ValueSet();
        foreach (var v in values) set.Add(v);
        return set;
    }

    public bool Contains(long value)
    {
        var i = IndexAtOrBefore(value);
        return i >= 0 && ranges[i].Contains(value);
    }

    /// <summary>Adds a value; false when it was already there.</summary>
    public bool Add(long value)
    {
        var i = IndexAtOrBefore(value);
        if (i >= 0 && ranges[i].Contains(value)) return false;
        var joinsLeft = i >= 0 && ranges[i].Hi == value - 1;
        var joinsRight = i + 1 < ranges.Count && ranges[i + 1].Lo == value + 1;
        if (joinsLeft && joinsRight)
        {
            ranges[i] = ranges[i] with { Hi = ranges[i + 1].Hi };
            ranges.RemoveAt(i + 1);
        }
        else if (joinsLeft) ranges[i] = ranges[i] with { Hi = value };
        else if (joinsRight) ranges[i + 1] = ranges[i + 1] with { Lo = value };
        else ranges.Insert(i + 1, ValueRange.Of(value));
        return true;
    }

    /// <summary>The values of this set that <paramref name="other"/> lacks, as ranges: never enumerates the other set.</summary>
    public ValueSet Except(ValueSet other)
    {
        var result = new List<ValueRange>();
        var j = 0;
        foreach (var r in ranges)
        {
            var lo = r.Lo;
            var done = false;
            while (j < other.ranges.Count && other.ranges[j].Hi < lo) j++;
            for (var k = j; k < other.ranges.Count && other.ranges[k].Lo <= r.Hi; k++)
            {
                var cut = other.ranges[k];
                if (cut.Lo > lo) result.Add(new ValueRange(lo, cut.Lo - 1));
                if (cut.Hi >= r.Hi)
                {
                    done = true;
                    break;
                }
                lo = cut.Hi + 1;
            }
            if (!done) result.Add(new ValueRange(lo, r.Hi));
        }
        return new ValueSet(result);
    }

    public ValueSet Intersect(ValueSet other)
    {
        var result = new List<ValueRange>();
        int i = 0, j = 0;
        while (i < ranges.Count && j < other.ranges.Count)
        {
            var a = ranges[i];
            var b = other.ranges[j];
            var lo = Math.Max(a.Lo, b.Lo);
            var hi = Math.Min(a.Hi, b.Hi);
            if (lo <= hi) result.Add(new ValueRange(lo, hi));
            if (a.Hi < b.Hi) i++;
            else j++;
        }
        return new ValueSet(result);
    }

    /// <summary>Every value in ascending order. Only for sets bounded by what this node holds.</summary>
    public IEnumerable<long> Values()
    {
        foreach (var r in ranges)
        {
            for (var v = r.Lo; ; v++)
            {
                yield return v;
                if (v == r.Hi) break;
            }
        }
    }

    public override string ToString() => "{" + string.Join(",", ranges) + "}";

    // Overlapping or adjacent ranges merge; written to avoid overflow at long.MaxValue.
    private static bool Touches(ValueRange left, ValueRange right) => right.Lo <= left.Hi || right.Lo - 1 == left.Hi;

    // Index of the last range whose low end is at or below the value, or -1.
    private int IndexAtOrBefore(long value)
    {
        int lo = 0, hi = ranges.Count - 1, found = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (ranges[mid].Lo <= value)
            {
                found = mid;
                lo = mid + 1;
            }
            else hi = mid - 1;
        }
        return found;
    }
}
