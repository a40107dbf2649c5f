using System.Text.Json.Nodes;

namespace Glomers.Harness.Services;

/// <summary>
/// seq-kv, as Maelstrom models it: the last <see cref="DefaultHistory"/> states of a
/// <see cref="KvStore"/> in a ring, and per caller the index of the last state it used. A request
/// first runs on a state picked uniformly between the caller's index and the latest. If that leaves
/// the state unchanged (a read, a failed cas, a write of the value the picked state holds) that is the
/// answer, and the caller's index moves to the pick. Otherwise the request runs again on the
/// latest state, its result is appended (even when the rerun changes nothing, say a cas that fails
/// there) and the caller moves to it.
/// </summary>
/// <remarks>
/// Indexes count every state ever appended, but the ring keeps only the last few. Maelstrom's ring
/// buffer takes any index modulo its length, so a caller more than a ring behind is handed the
/// kept state whose index is congruent to the pick, and may then see states go backwards. This
/// class reproduces that.
/// </remarks>
public sealed class SeqKvService : IService
{
    public const int DefaultHistory = 32;

    private readonly Random random;
    private readonly KvStore[] ring;
    private readonly Dictionary<string, long> callerIndex = new(StringComparer.Ordinal);
    private long latestIndex;

    public SeqKvService(Random random, int history = DefaultHistory)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfLessThan(history, 1);
        this.random = random;
        ring = new KvStore[history];
        ring[0] = KvStore.Empty;
    }

    public string Id => "seq-kv";

    /// <summary>The index of the newest state; it grows by one with every state-changing request.</summary>
    public long LatestIndex => latestIndex;

    /// <summary>The newest state, as a caller that has seen everything would find it.</summary>
    public KvStore Latest => StateAt(latestIndex);

    public JsonObject? Handle(string src, JsonObject body) => ServiceProtocol.DropIfMalformed(() => Apply(src, body));

    private JsonObject? Apply(string src, JsonObject body)
    {
        var from = callerIndex.GetValueOrDefault(src, 0);
        var pick = from + random.NextInt64(latestIndex - from + 1);
        if (StateAt(pick).Handle(body) is not { } speculative) return null;
        if (!speculative.Changed)
        {
            callerIndex[src] = pick;
            return speculative.Reply;
        }

        var step = StateAt(latestIndex).Handle(body)!.Value;
        latestIndex++;
        ring[latestIndex % ring.Length] = step.State;
        callerIndex[src] = latestIndex;
        return step.Reply;
    }

    /// <summary>The state a caller at <paramref name="index"/> is handed (see remarks for old indexes).</summary>
    internal KvStore StateAt(long index)
    {
        var kept = (int)Math.Min(latestIndex + 1, ring.Length);
        var offsetFromOldest = Mod(index - latestIndex - 1, kept);
        return ring[(latestIndex - kept + 1 + offsetFromOldest) % ring.Length];
    }

    private static long Mod(long value, long modulus) => ((value % modulus) + modulus) % modulus;
}
