using Glomers.Harness.History;

namespace Glomers.Harness.Reports;

/// <summary>A span of time during which one fault was on, as the nemesis' ops in the history say.</summary>
public sealed record NemesisPeriod(string Fault, long Start, long End)
{
    /// <summary>
    /// The periods of every fault: start-X opens X and stop-X closes it (the bench's and Maelstrom's
    /// names), as do Jepsen's kill / start and pause / resume. A fault still on at the end lasts to
    /// <paramref name="end"/>. A fault's two info ops (before and after acting) count once, at the first.
    /// </summary>
    public static IReadOnlyList<NemesisPeriod> From(IReadOnlyList<Op> history, long end)
    {
        var periods = new List<NemesisPeriod>();
        var open = new Dictionary<string, long>();
        foreach (var op in history)
        {
            if (!op.IsNemesis || Classify(op.F) is not (string fault, bool starts)) continue;
            if (starts) open.TryAdd(fault, op.Time);
            else if (open.Remove(fault, out var from)) periods.Add(new NemesisPeriod(fault, from, op.Time));
        }
        periods.AddRange(open.Select(kv => new NemesisPeriod(kv.Key, kv.Value, Math.Max(end, kv.Value))));
        return [.. periods.OrderBy(p => p.Start)];
    }

    /// <summary>The fault a nemesis op acts on and whether it turns it on; null for an op that is neither.</summary>
    public static (string Fault, bool Starts)? Classify(string f) => f switch
    {
        _ when f.StartsWith("start-", StringComparison.Ordinal) && f.Length > 6 => (f[6..], true),
        _ when f.StartsWith("stop-", StringComparison.Ordinal) && f.Length > 5 => (f[5..], false),
        "kill" => ("kill", true),
        "start" => ("kill", false),
        "pause" => ("pause", true),
        "resume" => ("pause", false),
        _ => null,
    };
}
