using System.Text.Json.Nodes;
using Glomers.Harness.Checkers;
using Glomers.Harness.History;

namespace Glomers.Harness.Workloads.Kafka;

/// <summary>
/// The offsets an ok kafka op proves (shapes in <see cref="KafkaOps"/>), as Jepsen's kafka generator
/// reads them to know which keys and offsets exist.
/// </summary>
public static class KafkaOffsets
{
    /// <summary>The highest offset each key was polled at in an ok poll (-1 for a key that came back empty).</summary>
    public static Dictionary<string, long> MaxPolled(Op op)
    {
        var offsets = new Dictionary<string, long>();
        if (op.Type != OpType.Ok || op.F != KafkaOps.Poll || op.Value is not JsonArray mops) return offsets;
        foreach (var mop in mops)
        {
            if (mop is not JsonArray { Count: 2 } poll || poll[1] is not JsonObject msgs) continue;
            foreach (var (key, pairs) in msgs)
            {
                var max = -1L;
                if (pairs is JsonArray list)
                {
                    foreach (var pair in list)
                        if (pair is JsonArray { Count: > 0 } p && JsonNumbers.TryGetInt64(p[0], out var offset)) max = Math.Max(max, offset);
                }
                offsets[key] = Math.Max(offsets.GetValueOrDefault(key, -1), max);
            }
        }
        return offsets;
    }

    /// <summary>The highest offset each key was sent at in an ok send.</summary>
    public static Dictionary<string, long> MaxSent(Op op)
    {
        var offsets = new Dictionary<string, long>();
        if (op.Type != OpType.Ok || op.F != KafkaOps.Send || op.Value is not JsonArray mops) return offsets;
        foreach (var mop in mops)
        {
            if (mop is JsonArray { Count: 3 } send && send[1] is JsonValue k && k.TryGetValue(out string? key)
                && send[2] is JsonArray { Count: 2 } pair && JsonNumbers.TryGetInt64(pair[0], out var offset))
                offsets[key] = Math.Max(offsets.GetValueOrDefault(key, 0), offset);
        }
        return offsets;
    }

    /// <summary>Merges <paramref name="more"/> into <paramref name="into"/>, keeping the larger offset of each key.</summary>
    public static void MergeMax(IDictionary<string, long> into, IReadOnlyDictionary<string, long> more)
    {
        foreach (var (key, offset) in more)
            into[key] = into.TryGetValue(key, out var had) ? Math.Max(had, offset) : offset;
    }

    /// <summary>Jepsen's keys are integers written as strings: numeric order first, anything else after, by text.</summary>
    public static IComparer<string> KeyOrder { get; } = Comparer<string>.Create((a, b) =>
    {
        var na = long.TryParse(a, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var x);
        var nb = long.TryParse(b, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var y);
        return na && nb ? x.CompareTo(y) : na ? -1 : nb ? 1 : string.CompareOrdinal(a, b);
    });
}
