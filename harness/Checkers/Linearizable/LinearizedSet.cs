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
        // tail; keeping only the tail, inline when it is two words or less, makes a configuration
        // a few dozen bytes and a repeated one free.
        var full = 0;
        while (full < _words.Length && _words[full] == ulong.MaxValue) full++;
        var end = _words.Length;
        while (end > full && _words[end - 1] == 0) end--;
        var length = end - full;
        return new Configuration(state, full,
            length > 0 ? _words[full] : 0,
            length > 1 ? _words[full + 1] : 0,
            length > 2 ? _words[(full + 2)..end] : null);
    }
}

/// <summary>
/// A model state and the set of ops linearized to reach it: <see cref="FullWords"/> words of ones,
/// then the words <c>first</c>, <c>second</c> and <c>rest</c> (trailing zero words trimmed), so equal
/// sets compare equal.
/// </summary>
internal readonly struct Configuration : IEquatable<Configuration>
{
    private readonly ulong _first;
    private readonly ulong _second;
    private readonly ulong[]? _rest;
    private readonly int _hash;

    public Configuration(int state, int fullWords, ulong first, ulong second, ulong[]? rest)
    {
        State = state;
        FullWords = fullWords;
        _first = first;
        _second = second;
        _rest = rest;
        var h = new HashCode();
        h.Add(state);
        h.Add(fullWords);
        h.Add(first);
        h.Add(second);
        foreach (var w in rest ?? []) h.Add(w);
        _hash = h.ToHashCode();
    }

    public int State { get; }
    public int FullWords { get; }

    public bool Contains(int id)
    {
        var word = (id >> 6) - FullWords;
        var bits = word switch
        {
            < 0 => ulong.MaxValue,
            0 => _first,
            1 => _second,
            _ => _rest is { } rest && word - 2 < rest.Length ? rest[word - 2] : 0,
        };
        return (bits & (1UL << (id & 63))) != 0;
    }

    /// <summary>How many ids from 0 are all linearized.</summary>
    public int PrefixLength => FullWords * 64 + BitOperations.TrailingZeroCount(~_first);

    public bool Equals(Configuration other) =>
        _hash == other._hash && State == other.State && FullWords == other.FullWords &&
        _first == other._first && _second == other._second &&
        (_rest ?? []).AsSpan().SequenceEqual(other._rest ?? []);

    public override bool Equals(object? obj) => obj is Configuration other && Equals(other);

    public override int GetHashCode() => _hash;
}
