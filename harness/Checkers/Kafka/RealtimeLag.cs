using System.Text.Json.Nodes;
using Glomers.Harness.History;

namespace Glomers.Harness.Checkers.Kafka;

/// <summary>
/// kafka.clj's realtime lag: for each ok poll and each key its process has assigned or seen, how long
/// before the poll began the process's position in that key had already stopped being the log's end
/// (the first time any ok or info op proved a higher offset exists). The worst is reported in seconds.
/// </summary>
internal static class RealtimeLag
{
    public sealed record Worst(long Time, int Process, string Key, long Lag);

    public static Worst? Find(KafkaHistory history)
    {
        // When each offset was first known to exist: proving offset n proves every offset below it, so
        // per key a run of segments (offsets up to End were known at Time), ascending.
        var knownAt = history.Keys.Select(_ => new List<(long End, long Time)>()).ToArray();
        foreach (var op in history.Ops)
        {
            if (op.Op.Type is not (OpType.Ok or OpType.Info)) continue;
            foreach (var (key, offset) in op.MaxOffsets)
            {
                var segments = knownAt[key];
                if (offset >= 0 && (segments.Count == 0 || segments[^1].End < offset)) segments.Add((offset, op.Op.Time));
            }
        }

        Worst? worst = null;
        var positions = new Dictionary<int, Dictionary<int, long>>();
        foreach (var op in history.Ops)
        {
            if (op.Op.Type != OpType.Ok) continue;
            if (op.Op.F == KafkaOps.Assign && op.Assigned is not null)
            {
                var old = positions.GetValueOrDefault(op.Op.Process) ?? [];
                var fresh = new Dictionary<int, long>();
                foreach (var k in op.Assigned) fresh[k] = old.GetValueOrDefault(k, -1);
                positions[op.Op.Process] = fresh;
            }
            else if (op.Op.F == KafkaOps.Subscribe)
            {
                positions[op.Op.Process] = [];
            }
            else if (op.IsPollLike)
            {
                if (!positions.TryGetValue(op.Op.Process, out var offsets)) positions[op.Op.Process] = offsets = [];
                foreach (var (key, offset) in op.MaxOffsets)
                    offsets[key] = offsets.TryGetValue(key, out var had) ? Math.Max(had, offset) : offset;
                var began = op.Invocation?.Op.Time ?? op.Op.Time;
                foreach (var (key, offset) in offsets)
                {
                    var lag = KnownAt(knownAt[key], offset + 1) is { } known ? Math.Max(0, began - known) : 0;
                    // Strictly greater: the first of equal lags is kept, as Jepsen's max-by does.
                    if (worst is null || lag > worst.Lag) worst = new Worst(began, op.Op.Process, history.Keys[key].Name, lag);
                }
            }
        }
        return worst;
    }

    private static long? KnownAt(List<(long End, long Time)> segments, long offset)
    {
        if (offset < 0 || segments.Count == 0 || segments[^1].End < offset) return null;
        int lo = 0, hi = segments.Count - 1;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (segments[mid].End < offset) lo = mid + 1;
            else hi = mid;
        }
        return segments[lo].Time;
    }

    public static JsonObject ToJson(Worst? worst) => worst is null
        ? new JsonObject { ["time"] = 0.0, ["lag"] = 0.0 }
        : new JsonObject
        {
            ["time"] = worst.Time / 1e9,
            ["process"] = worst.Process,
            ["key"] = worst.Key,
            ["lag"] = worst.Lag / 1e9,
        };
}
