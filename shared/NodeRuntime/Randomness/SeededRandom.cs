namespace Glomers.NodeRuntime.Randomness;

/// <summary>
/// A <see cref="Random"/> that gives independent streams for nearby seeds. .NET's seeded
/// <c>new Random(n)</c> draws nearly the same first numbers for n = 1, 2, 3, so runs with nearby
/// seeds would share their schedules; here every seed and stream name goes through SplitMix64
/// first, and the generator itself is xoshiro256**. Same seed and name, same numbers, on any platform.
/// </summary>
public sealed class SeededRandom : Random
{
    private ulong s0, s1, s2, s3;

    /// <summary>The stream <paramref name="stream"/> of <paramref name="seed"/>.</summary>
    public SeededRandom(long seed, string stream = "")
    {
        var x = unchecked((ulong)Derive(seed, stream));
        s0 = SplitMix64.Next(ref x);
        s1 = SplitMix64.Next(ref x);
        s2 = SplitMix64.Next(ref x);
        s3 = SplitMix64.Next(ref x);
    }

    /// <summary>A well-mixed 64-bit seed for the named stream of a seed, for handing on (a node's own seed).</summary>
    public static long Derive(long seed, string stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        // FNV-1a of the name, then two rounds of SplitMix64 over seed and name together.
        var h = 0xcbf29ce484222325UL;
        foreach (var c in stream)
        {
            h = (h ^ c) * 0x100000001b3UL;
        }
        var x = unchecked((ulong)seed) ^ SplitMix64.Mix(h);
        return unchecked((long)SplitMix64.Mix(SplitMix64.Mix(x) + 0x9e3779b97f4a7c15UL));
    }

    public override int Next() => (int)Below(int.MaxValue);

    public override int Next(int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxValue);
        return (int)Below((ulong)maxValue);
    }

    public override int Next(int minValue, int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minValue, maxValue);
        return (int)((long)minValue + (long)Below((ulong)((long)maxValue - minValue)));
    }

    public override long NextInt64() => (long)Below(long.MaxValue);

    public override long NextInt64(long maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxValue);
        return (long)Below((ulong)maxValue);
    }

    public override long NextInt64(long minValue, long maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minValue, maxValue);
        return unchecked(minValue + (long)Below((ulong)(maxValue - minValue)));
    }

    public override double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public override float NextSingle() => (NextUInt64() >> 40) * (1.0f / (1U << 24));

    public override void NextBytes(byte[] buffer) => NextBytes(buffer.AsSpan());

    public override void NextBytes(Span<byte> buffer)
    {
        for (var i = 0; i < buffer.Length; i++) buffer[i] = (byte)(NextUInt64() >> 56);
    }

    protected override double Sample() => NextDouble();

    public ulong NextUInt64()
    {
        var result = ulong.RotateLeft(s1 * 5, 7) * 9;
        var t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = ulong.RotateLeft(s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, bound): Lemire's multiply-and-reject, no modulo bias.</summary>
    private ulong Below(ulong bound)
    {
        if (bound <= 1) return 0;
        while (true)
        {
            var x = NextUInt64();
            var high = Math.BigMul(x, bound, out var low);
            if (low >= bound || low >= (0 - bound) % bound) return high;
        }
    }

    private static class SplitMix64
    {
        public static ulong Next(ref ulong state)
        {
            state += 0x9e3779b97f4a7c15UL;
            return Mix(state);
        }

        public static ulong Mix(ulong z)
        {
            z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9UL;
            z = (z ^ (z >> 27)) * 0x94d049bb133111ebUL;
            return z ^ (z >> 31);
        }
    }
}
