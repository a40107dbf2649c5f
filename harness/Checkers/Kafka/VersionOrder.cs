namespace Glomers.Harness.Checkers.Kafka;

/// <summary>
/// One key's log as the history proves it, as kafka.clj's version-orders builds it: every offset any
/// poll saw (and any send shown to have committed) with the set of values claimed for it. Offsets
/// with a value get dense indices 0, 1, ...; each index has one representative value (Clojure's
/// first of the set), and a value's index is the last index it represents.
/// </summary>
internal sealed class VersionOrder
{
    private readonly Dictionary<long, List<int>> _building = [];

    public KafkaKey Key { get; }

    /// <summary>Raw offsets that hold a value, ascending; position = dense index.</summary>
    public long[] Offsets { get; private set; } = [];

    /// <summary>The distinct values claimed for each dense index, in first-seen order.</summary>
    public List<int>[] ValuesAt { get; private set; } = [];

    /// <summary>The representative value of each dense index.</summary>
    public int[] ByIndex { get; private set; } = [];

    /// <summary>Per value id: its index in <see cref="ByIndex"/>, or -1.</summary>
    public int[] ByValue { get; private set; } = [];

    /// <summary>Per value id: the first and last dense index whose set holds it, or -1; and in how many.</summary>
    public int[] FirstIndex { get; private set; } = [];
    public int[] LastIndex { get; private set; } = [];
    public int[] Occurrences { get; private set; } = [];

    public VersionOrder(KafkaKey key) => Key = key;

    public void Add(long offset, int value)
    {
        if (!_building.TryGetValue(offset, out var values)) _building[offset] = values = new List<int>(1);
        if (!values.Contains(value)) values.Add(value);
    }

    public void Complete()
    {
        Offsets = [.. _building.Keys.Order()];
        ValuesAt = new List<int>[Offsets.Length];
        ByIndex = new int[Offsets.Length];
        var n = Key.Values.Count;
        ByValue = Filled(n);
        FirstIndex = Filled(n);
        LastIndex = Filled(n);
        Occurrences = new int[n];
        for (var i = 0; i < Offsets.Length; i++)
        {
            var values = _building[Offsets[i]];
            ValuesAt[i] = values;
            var rep = values.Count == 1 ? values[0] : ClojureSetOrder.First(values, Key);
            ByIndex[i] = rep;
            ByValue[rep] = i;
            foreach (var v in values)
            {
                if (FirstIndex[v] < 0) FirstIndex[v] = i;
                LastIndex[v] = i;
                Occurrences[v]++;
            }
        }
        _building.Clear();
    }

    /// <summary>The index of a value, or null when no offset is known for it.</summary>
    public int? IndexOf(int value) => value >= 0 && value < ByValue.Length && ByValue[value] >= 0 ? ByValue[value] : null;

    private static int[] Filled(int n)
    {
        var a = new int[n];
        Array.Fill(a, -1);
        return a;
    }
}
