using System.Text.Json.Nodes;
using Glomers.Harness.History;

namespace Glomers.Harness.Checkers;

/// <summary>
/// Maelstrom's echo checker: every invocation must complete ok with a reply body (the ok op's value)
/// whose echo is the value it sent. A fail, an info or a missing completion has no echo, so it
/// counts as an error too, as in Maelstrom.
/// </summary>
public sealed class EchoChecker : IChecker
{
    public CheckResult Check(CheckInput input)
    {
        var errors = new JsonArray();
        foreach (var (invoke, completion) in OpPair.Pair(input.History))
        {
            var echoed = completion is { Type: OpType.Ok, Value: JsonObject body } ? body["echo"] : null;
            if (JsonNode.DeepEquals(invoke.Value, echoed)) continue;
            errors.Add(new JsonArray("Expected a message with :echo", invoke.Value?.DeepClone(), "But received", Received(completion)));
        }
        return new CheckResult(errors.Count == 0 ? Validity.True : Validity.False, new JsonObject { ["errors"] = errors });
    }

    // Maelstrom quotes the completion's value, which for an ok op is the whole reply body.
    private static JsonNode? Received(Op? completion) => completion switch
    {
        null => null,
        { Type: OpType.Ok } => completion.Value?.DeepClone(),
        _ => new JsonObject { ["type"] = completion.Type.ToString().ToLowerInvariant(), ["error"] = completion.Error },
    };
}
