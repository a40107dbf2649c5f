using System.Text.Json.Nodes;
using Glomers.Harness.Cli;
using Glomers.Harness.History;

namespace Glomers.Harness.Checkers;

/// <summary>Jepsen's three-valued validity. Merging: false beats unknown beats true.</summary>
public enum Validity { True, Unknown, False }

public static class ValidityExtensions
{
    public static Validity Merge(this Validity a, Validity b) => (Validity)Math.Max((int)a, (int)b);

    /// <summary>How results.json writes it: true, false or "unknown".</summary>
    public static JsonNode ToJson(this Validity v) => v switch
    {
        Validity.True => JsonValue.Create(true),
        Validity.False => JsonValue.Create(false),
        _ => JsonValue.Create("unknown"),
    };
}

/// <summary>
/// A checker's verdict and its report. <see cref="Details"/> uses Maelstrom's key names without the
/// keyword colon ("lost-count", "stable-latencies"); "valid?" is added when the result is written.
/// </summary>
public sealed record CheckResult(Validity Valid, JsonObject Details)
{
    public JsonObject ToJson()
    {
        var o = new JsonObject { ["valid?"] = Valid.ToJson() };
        foreach (var (k, v) in Details) o[k] = v?.DeepClone();
        return o;
    }
}

/// <summary>Everything a checker may look at once the test is over.</summary>
public sealed record CheckInput(
    IReadOnlyList<Op> History,
    IReadOnlyList<NetEvent> Journal,
    IReadOnlyList<Finding> Findings,
    TestOptions Options);

/// <summary>A pure function from a finished test to a verdict.</summary>
public interface IChecker
{
    CheckResult Check(CheckInput input);
}
