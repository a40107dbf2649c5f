using System.Text.Json.Nodes;
using Glomers.Harness.History;

namespace Glomers.Harness.Checkers;

/// <summary>
/// Jepsen's stats checker as Maelstrom wraps it: counts client completions overall and per f. Each f
/// is valid when it succeeded at least once, and the result is false unless every f is valid (Jepsen's
/// docstring says unknown; the code says false). The crash and debug-topic-partitions ops of kafka are
/// exempt from that rule.
/// </summary>
public sealed class StatsChecker : IChecker
{
    private static readonly HashSet<string> Exempt = ["crash", "debug-topic-partitions"];

    public CheckResult Check(CheckInput input)
    {
        var completions = input.History.Where(op => op.IsClient && op.Type != OpType.Invoke).ToList();
        var details = Counts(completions);
        var byF = new JsonObject();
        var valid = Validity.True;
        foreach (var group in completions.GroupBy(op => op.F).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var counts = Counts(group);
            var fValid = counts["ok-count"]!.GetValue<int>() > 0 ? Validity.True : Validity.False;
            if (!Exempt.Contains(group.Key)) valid = valid.Merge(fValid);
            var entry = new JsonObject { ["valid?"] = fValid.ToJson() };
            foreach (var (k, v) in counts) entry[k] = v?.DeepClone();
            byF[group.Key] = entry;
        }
        details["by-f"] = byF;
        return new CheckResult(valid, details);
    }

    private static JsonObject Counts(IEnumerable<Op> ops)
    {
        int ok = 0, fail = 0, info = 0;
        foreach (var op in ops)
        {
            switch (op.Type)
            {
                case OpType.Ok: ok++; break;
                case OpType.Fail: fail++; break;
                case OpType.Info: info++; break;
            }
        }
        return new JsonObject { ["count"] = ok + fail + info, ["ok-count"] = ok, ["fail-count"] = fail, ["info-count"] = info };
    }
}
