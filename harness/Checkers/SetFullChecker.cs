using System.Text.Json.Nodes;
using Glomers.Harness.History;

namespace Glomers.Harness.Checkers;

/// <summary>
/// Jepsen's set-full checker with linearizable? false. <paramref name="addF"/> is the op that adds an
/// element ("broadcast" for broadcast, "add" for g-set); reads are "read" ops returning every element.
/// For each element, the reads decide whether it became stable (seen by the last read after the last
/// one that missed it), was lost (missed by a read after it was known and after the last read that saw
/// it) or was never read.
/// </summary>
public sealed class SetFullChecker(string addF) : IChecker
{
    private static readonly double[] Quantiles = [0, 0.5, 0.95, 0.99, 1];
    private const int WorstStaleCount = 8;

    private sealed class Element(JsonNode? value)
    {
        public JsonNode? Value { get; } = value;
        public Op? Known;
        public Op? LastPresent;
        public Op? LastAbsent;
    }

    private enum Outcome { Stable, Lost, NeverRead }

    private sealed record ElementResult(Element Element, Outcome Outcome, long? StableLatency, long? LostLatency);

    public CheckResult Check(CheckInput input)
    {
        var elements = Track(input.History);
        var results = elements.OrderBy(e => e.Value, JsonValueOrder.Instance).Select(Result).ToList();
        return Report(results);
    }

    private List<Element> Track(IReadOnlyList<Op> history)
    {
        var elements = new List<Element>();
        var index = new ElementIndex();
        var invocations = OpPair.InvocationsByCompletion(history);
        var seen = new bool[0];

        foreach (var op in history)
        {
            if (op.IsNemesis) continue;
            if (op.F == addF)
            {
                if (op.Type == OpType.Invoke)
                {
                    // A second add of the same value starts the element over, as Jepsen's assoc does.
                    var at = index.GetOrAdd(op.Value, elements.Count);
                    if (at == elements.Count) elements.Add(new Element(op.Value));
                    else elements[at] = new Element(op.Value);
                }
                else if (op.Type == OpType.Ok && index.TryGet(op.Value, out var at))
                {
                    elements[at].Known ??= op;
                }
            }
            else if (op.F == WorkloadOps.Read && op.Type == OpType.Ok && invocations.TryGetValue(op, out var inv))
            {
                if (op.Value is not JsonArray read)
                    throw new InvalidDataException($"set-full: ok read at index {op.Index} has value {op.Value?.ToJsonString() ?? "null"}, not an array");
                if (seen.Length < elements.Count) seen = new bool[Math.Max(elements.Count, seen.Length * 2)];
                Array.Clear(seen, 0, elements.Count);
                foreach (var item in read)
                    if (index.TryGet(item, out var at)) seen[at] = true;
                for (var i = 0; i < elements.Count; i++)
                {
                    var e = elements[i];
                    if (seen[i])
                    {
                        e.Known ??= op;
                        if (e.LastPresent is null || e.LastPresent.Index < inv.Index) e.LastPresent = inv;
                    }
                    else if (e.LastAbsent is null || e.LastAbsent.Index < inv.Index)
                    {
                        e.LastAbsent = inv;
                    }
                }
            }
        }
        return elements;
    }

    private static ElementResult Result(Element e)
    {
        var absentIndex = e.LastAbsent?.Index ?? -1;
        var presentIndex = e.LastPresent?.Index ?? -1;
        var stable = e.LastPresent is not null && absentIndex < presentIndex;
        var lost = e.Known is not null && e.LastAbsent is not null
            && presentIndex < absentIndex && e.Known.Index < absentIndex;

        if (stable)
        {
            var stableTime = e.LastAbsent is null ? 0 : e.LastAbsent.Time + 1;
            return new ElementResult(e, Outcome.Stable, Millis(stableTime - e.Known!.Time), null);
        }
        if (lost)
        {
            var lostTime = e.LastPresent is null ? 0 : e.LastPresent.Time + 1;
            return new ElementResult(e, Outcome.Lost, null, Millis(lostTime - e.Known!.Time));
        }
        return new ElementResult(e, Outcome.NeverRead, null, null);
    }

    private static long Millis(long nanos) => Math.Max(0, nanos) / 1_000_000;

    private CheckResult Report(List<ElementResult> results)
    {
        var stable = results.Where(r => r.Outcome == Outcome.Stable).ToList();
        var lost = results.Where(r => r.Outcome == Outcome.Lost).ToList();
        var neverRead = results.Where(r => r.Outcome == Outcome.NeverRead).ToList();
        var stale = stable.Where(r => r.StableLatency > 0).ToList();
        // Jepsen sorts by latency (stably, in element order) and reverses: ties come out highest element first.
        var worstStale = stale.OrderBy(r => r.StableLatency).Reverse().Take(WorstStaleCount);

        var valid = lost.Count > 0 ? Validity.False : stable.Count == 0 ? Validity.Unknown : Validity.True;
        var details = new JsonObject
        {
            ["attempt-count"] = results.Count,
            ["stable-count"] = stable.Count,
            ["lost-count"] = lost.Count,
            ["lost"] = Elements(lost),
            ["never-read-count"] = neverRead.Count,
            ["never-read"] = Elements(neverRead),
            ["stale-count"] = stale.Count,
            ["stale"] = Elements(stale),
            ["worst-stale"] = new JsonArray([.. worstStale.Select(Describe)]),
        };
        var stableLatencies = results.Where(r => r.StableLatency is not null).Select(r => r.StableLatency!.Value).ToList();
        var lostLatencies = results.Where(r => r.LostLatency is not null).Select(r => r.LostLatency!.Value).ToList();
        if (stableLatencies.Count > 0) details["stable-latencies"] = Distribution(stableLatencies);
        if (lostLatencies.Count > 0) details["lost-latencies"] = Distribution(lostLatencies);

        // Jepsen's duplicate search keeps counts below 1, which a frequency never is: it never reports any.
        details["duplicated-count"] = 0;
        details["duplicated"] = new JsonObject();
        return new CheckResult(valid, details);
    }

    private static JsonArray Elements(List<ElementResult> rs) => new([.. rs.Select(r => r.Element.Value?.DeepClone())]);

    private JsonObject Describe(ElementResult r) => new()
    {
        ["element"] = r.Element.Value?.DeepClone(),
        ["outcome"] = r.Outcome switch { Outcome.Stable => "stable", Outcome.Lost => "lost", _ => "never-read" },
        ["stable-latency"] = r.StableLatency,
        ["lost-latency"] = r.LostLatency,
        ["known"] = Quote(r.Element.Known),
        ["last-absent"] = Quote(r.Element.LastAbsent),
    };

    // Maelstrom's broadcast checker hands set-full the history with broadcast renamed to add, so it quotes adds.
    private JsonObject? Quote(Op? op) => (op is { F: var f } && f == addF ? op with { F = WorkloadOps.Add } : op)?.ToJson();

    /// <summary>Jepsen's frequency-distribution: the value at index floor(n·q), capped at n−1, of the sorted values.</summary>
    internal static JsonObject Distribution(List<long> values)
    {
        var sorted = values.Order().ToList();
        var n = sorted.Count;
        var o = new JsonObject();
        foreach (var q in Quantiles)
            o[q.ToString(System.Globalization.CultureInfo.InvariantCulture)] = sorted[Math.Min(n - 1, (int)Math.Floor(n * q))];
        return o;
    }
}
