namespace Glomers.Harness.Checkers;

/// <summary>
/// A set of integers kept as sorted, disjoint, non-adjacent closed ranges, the form Guava's
/// TreeRangeSet gives Maelstrom's counter checker.
/// </summary>
public sealed class IntegerRangeSet
{
    /// <summary>Beyond this many ranges the set is too scattered to be worth building (deltas far apart).</summary>
    public const int MaxRanges = 1 << 16;

    private List<(long Lo, long Hi)> _ranges;

    private IntegerRangeSet(List<(long Lo, long Hi)> ranges) => _ranges = ranges;

    public static IntegerRangeSet Single(long value) => new([(value, value)]);

    public IReadOnlyList<(long Lo, long Hi)> Ranges => _ranges;

    public bool Contains(long value)
    {
        int lo = 0, hi = _ranges.Count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            if (value < _ranges[mid].Lo) hi = mid - 1;
            else if (value > _ranges[mid].Hi) lo = mid + 1;
            else return true;
        }
        return false;
    }

    /// <summary>Makes this set S ∪ (S + delta): every sum reachable with or without one more add.</summary>
    public void UnionShifted(long delta)
    {
        if (delta == 0) return;
        var shifted = _ranges.Select(r => (checked(r.Lo + delta), checked(r.Hi + delta)));
        var merged = new List<(long Lo, long Hi)>(_ranges.Count + 1);
        // Both inputs are sorted, so one ordered merge keeps the result sorted and coalesced.
        foreach (var r in MergeSorted(_ranges, shifted))
        {
            if (merged.Count > 0 && r.Lo <= merged[^1].Hi + 1)
                merged[^1] = (merged[^1].Lo, Math.Max(merged[^1].Hi, r.Hi));
            else
                merged.Add(r);
        }
        if (merged.Count > MaxRanges)
            throw new InvalidDataException($"the reachable sums split into more than {MaxRanges} ranges; deltas are too far apart to enumerate");
        _ranges = merged;
    }

    private static IEnumerable<(long Lo, long Hi)> MergeSorted(IEnumerable<(long Lo, long Hi)> a, IEnumerable<(long Lo, long Hi)> b)
    {
        using var x = a.GetEnumerator();
        using var y = b.GetEnumerator();
        bool hasX = x.MoveNext(), hasY = y.MoveNext();
        while (hasX || hasY)
        {
            if (hasX && (!hasY || x.Current.Lo <= y.Current.Lo))
            {
                yield return x.Current;
                hasX = x.MoveNext();
            }
            else
            {
                yield return y.Current;
                hasY = y.MoveNext();
            }
        }
    }
}
