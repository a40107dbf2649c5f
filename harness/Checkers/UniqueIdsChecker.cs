using System.Text.Json.Nodes;
using Glomers.Harness.History;

namespace Glomers.Harness.Checkers;

/// <summary>
/// Jepsen's unique-ids checker: invalid if any id returned by an ok generate was returned more than
/// once. Reports the 48 most duplicated ids with their counts, and the lowest and highest id.
/// </summary>
public sealed class UniqueIdsChecker : IChecker
{
    private const int ReportedDuplicates = 48;

    public CheckResult Check(CheckInput input)
    {
        var generates = input.History.Where(op => op.F == WorkloadOps.Generate).ToList();
        var attempted = generates.Count(op => op.Type == OpType.Invoke);
        var acks = generates.Where(op => op.Type == OpType.Ok).Select(op => op.Value).ToList();

        var counts = new Dictionary<string, (JsonNode? Id, int Count)>();
        foreach (var id in acks)
        {
            var key = JsonValueOrder.Key(id);
            counts[key] = counts.TryGetValue(key, out var seen) ? (seen.Id, seen.Count + 1) : (id, 1);
        }
        var dups = counts.Values.Where(e => e.Count > 1).OrderBy(e => e.Id, JsonValueOrder.Instance).ToList();

        // Jepsen keeps the most frequent 48 (a stable sort of the id-ordered list, reversed), then re-sorts by id.
        var top = dups.OrderBy(e => e.Count).Reverse().Take(ReportedDuplicates).OrderBy(e => e.Id, JsonValueOrder.Instance);
        var duplicated = new JsonObject();
        foreach (var (id, count) in top) duplicated[Label(id)] = count;

        JsonNode? range = null;
        if (acks.Count > 0)
        {
            var sorted = acks.Order(JsonValueOrder.Instance).ToList();
            range = new JsonArray(sorted[0]?.DeepClone(), sorted[^1]?.DeepClone());
        }

        return new CheckResult(dups.Count == 0 ? Validity.True : Validity.False, new JsonObject
        {
            ["attempted-count"] = attempted,
            ["acknowledged-count"] = acks.Count,
            ["duplicated-count"] = dups.Count,
            ["duplicated"] = duplicated,
            ["range"] = range,
        });
    }

    // JSON object keys are strings: a string id is its own key, anything else its JSON text.
    private static string Label(JsonNode? id) =>
        id is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String ? v.GetValue<string>() : JsonValueOrder.Key(id);
}
