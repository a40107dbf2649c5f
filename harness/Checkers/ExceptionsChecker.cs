using System.Text.Json.Nodes;
using Glomers.Harness.History;

namespace Glomers.Harness.Checkers;

/// <summary>
/// What nodes did wrong outside the workload's rules (bad JSON, unknown destinations, malformed
/// replies, crashes), grouped by kind, most frequent first. Like Jepsen's unhandled-exceptions it
/// reports and never fails the test: the workload checker judges the consequences.
/// </summary>
public sealed class ExceptionsChecker : IChecker
{
    private const int ExamplesPerKind = 10;

    public CheckResult Check(CheckInput input)
    {
        var details = new JsonObject();
        if (input.Findings.Count == 0) return new CheckResult(Validity.True, details);

        var groups = input.Findings
            .GroupBy(f => f.Kind)
            .OrderByDescending(g => g.Count())
            .ThenBy(g => g.Key, StringComparer.Ordinal);
        details["exceptions"] = new JsonArray([.. groups.Select(g => (JsonNode)new JsonObject
        {
            ["class"] = g.Key,
            ["count"] = g.Count(),
            ["nodes"] = new JsonArray([.. g.Select(f => f.Node).Distinct().Order(StringComparer.Ordinal).Select(n => (JsonNode)n)]),
            ["examples"] = new JsonArray([.. g.OrderBy(f => f.Time).Take(ExamplesPerKind).Select(Describe)]),
        })]);
        return new CheckResult(Validity.True, details);
    }

    private static JsonNode Describe(Finding f)
    {
        var o = new JsonObject { ["time"] = f.Time, ["node"] = f.Node, ["detail"] = f.Detail };
        if (f.Line is not null) o["line"] = f.Line;
        return o;
    }
}
