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
            // Maelstrom's test, whatever the completion's type: (= (:value invoke) (:echo (:value completion))).
            var echoed = completion?.Value is JsonObject body ? body["echo"] : null;
            if (JsonNode.DeepEquals(invoke.Value, echoed)) continue;
            errors.Add(new JsonArray("Expected a message with :echo", invoke.Value?.DeepClone(), "But received", Received(completion)));
        }
        return new CheckResult(errors.Count == 0 ? Validity.True : Validity.False, new JsonObject { ["errors"] = errors });
    }

    // Maelstrom quotes the completion's value: the whole reply body for an ok op, the value sent for
    // a fail or info (Jepsen keeps the invocation's value), nothing for a missing completion.
    private static JsonNode? Received(Op? completion) => completion?.Value?.DeepClone();
}
