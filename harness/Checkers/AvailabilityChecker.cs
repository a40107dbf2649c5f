using System.Text.Json.Nodes;
using Glomers.Harness.History;

namespace Glomers.Harness.Checkers;

/// <summary>
/// Maelstrom's availability checker: ok-fraction = ok completions / invocations (1 when nothing was
/// invoked). Valid when no requirement was set, when it is 1 under "total", or when it reaches the
/// required fraction.
/// </summary>
public sealed class AvailabilityChecker : IChecker
{
    public CheckResult Check(CheckInput input)
    {
        var invokes = input.History.Count(op => op.Type == OpType.Invoke);
        var oks = input.History.Count(op => op.Type == OpType.Ok);
        // Maelstrom computes the fraction as a float, and compares the requirement against that.
        var fraction = invokes == 0 ? 1f : (float)((double)oks / invokes);
        var options = input.Options;
        var valid = options.AvailabilityTotal ? fraction == 1f
            : options.Availability is { } required ? required <= fraction
            : true;
        JsonNode okFraction = invokes == 0 ? JsonValue.Create(1) : JsonValue.Create(fraction);
        return new CheckResult(valid ? Validity.True : Validity.False, new JsonObject { ["ok-fraction"] = okFraction });
    }
}
