using System.Numerics;
using System.Text.Json.Nodes;

namespace Glomers.Harness.Checkers.Kafka;

/// <summary>
/// Which element <c>(first #{...})</c> yields for a Clojure hash set of integers: sets iterate in the
/// order of their hash trie, that is by the 5-bit chunks of each element's Murmur3 hash, lowest chunk
/// first. kafka.clj takes that element as an offset's value when several values claim one offset, so
/// picking the same one keeps skip and nonmonotonic findings in step with Maelstrom's.
/// </summary>
internal static class ClojureSetOrder
{
    /// <summary>The element Clojure would list first; non-integers fall back to the least in value order.</summary>
    public static int First(IReadOnlyList<int> ids, KafkaKey key)
    {
        var best = ids[0];
        var allIntegers = true;
        foreach (var id in ids)
            if (!JsonNumbers.TryGetInt64(key.Values[id], out _)) allIntegers = false;
        for (var i = 1; i < ids.Count; i++)
        {
            var c = allIntegers
                ? CompareTrieOrder(Integer(key.Values[ids[i]]), Integer(key.Values[best]))
                : JsonValueOrder.Instance.Compare(key.Values[ids[i]], key.Values[best]);
            if (c < 0) best = ids[i];
        }
        return best;
    }

    private static long Integer(JsonNode? node) => JsonNumbers.TryGetInt64(node, out var n) ? n : 0;

    private static int CompareTrieOrder(long a, long b)
    {
        uint ha = (uint)HashLong(a), hb = (uint)HashLong(b);
        for (var shift = 0; shift < 32; shift += 5)
        {
            var c = ((ha >> shift) & 31).CompareTo((hb >> shift) & 31);
            if (c != 0) return c;
        }
        return 0;
    }

    /// <summary>clojure.lang.Murmur3.hashLong, Clojure's hash of a Long.</summary>
    internal static int HashLong(long input)
    {
        if (input == 0) return 0;
        var low = (int)input;
        var high = (int)((ulong)input >> 32);
        var h1 = MixH1(0, MixK1(low));
        h1 = MixH1(h1, MixK1(high));
        return Fmix(h1, 8);
    }

    private static int MixK1(int k1)
    {
        unchecked
        {
            k1 *= (int)0xcc9e2d51;
            k1 = (int)BitOperations.RotateLeft((uint)k1, 15);
            k1 *= 0x1b873593;
            return k1;
        }
    }

    private static int MixH1(int h1, int k1)
    {
        unchecked
        {
            h1 ^= k1;
            h1 = (int)BitOperations.RotateLeft((uint)h1, 13);
            return h1 * 5 + (int)0xe6546b64;
        }
    }

    private static int Fmix(int h1, int length)
    {
        unchecked
        {
            h1 ^= length;
            h1 ^= (int)((uint)h1 >> 16);
            h1 *= (int)0x85ebca6b;
            h1 ^= (int)((uint)h1 >> 13);
            h1 *= (int)0xc2b2ae35;
            h1 ^= (int)((uint)h1 >> 16);
            return h1;
        }
    }
}
