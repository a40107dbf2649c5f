using System.Numerics;

namespace Glomers.Harness.Checkers.Linearizable;

/// <summary>The ids of the ops linearized so far, as a bit set the search changes in place.</summary>
internal sealed class LinearizedSet(int count)
{
    private readonly ulong[] _words = new ulong[(count + 63) / 64];

    public void Add(int id) => _words[id >> 6] |= 1UL << (id & 63);

    public void Remove(int id) => _words[id >> 6] &= ~(1UL << (id & 63));

    /// <summary>A frozen copy together with a model state: one configuration of the search.</summary>
    public Configuration Freeze(int state)
    {
        // Ops are mostly linearized in history order, so the set is a run of full words and a short
        // tail; keeping only the tail makes a cached configuration a few dozen bytes.
        var full = 0;
        while (full < _words.Length && _words[full] == ulong.MaxValue) full++;
        var end = _words.Length;
        while (end > full && _words[end - 1] == 0) end--;
        return new Configuration(state, full, _words[full..end]);
    }
}

/// <summary>
/// A model state and the set of ops linearized to reach it, stored as <see cref="FullWords"/> words
/// of ones followed by <see cref="Tail"/> (trailing zero words trimmed), so equal sets compare equal.
/// </summary>
internal sealed class Configuration : IEquatable<Configuration>
{
    private readonly int _hash;

    public Configuration(int state, int fullWords, ulong[] tail)
    {
        State = state;
        FullWords = fullWords;
        Tail = tail;
        var h = new HashCode();
        h.Add(state);
        h.Add(fullWords);
        foreach (var w in tail) h.Add(w);
        _hash = h.ToHashCode();
    }

    public int State { get; }
    public int FullWords { get; }
    public ulong[] Tail { get; }

    public bool Contains(int id)
    {
        var word = (id >> 6) - FullWords;
        if (word < 0) return true;
        return word < Tail.Length && (Tail[word] & (1UL << (id & 63))) != 0;
    }

    /// <summary>How many ids from 0 are all linearized.</summary>
    public int PrefixLength =>
        FullWords * 64 + (Tail.Length == 0 ? 0 : BitOperations.TrailingZeroCount(~Tail[0]));

    public bool Equals(Configuration? other) =>
        other is not null && _hash == other._hash && State == other.State && FullWords == other.FullWords &&
        Tail.AsSpan().SequenceEqual(other.Tail);

    public override bool Equals(object? obj) => Equals(obj as Configuration);

    public override int GetHashCode() => _hash;
}
