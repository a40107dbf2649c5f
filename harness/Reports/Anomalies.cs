using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Glomers.Harness.Checkers;
using Glomers.Harness.History;

namespace Glomers.Harness.Reports;

/// <summary>One checker that did not find the run valid, with what it reported and the operations it names.</summary>
public sealed record Anomaly(string Checker, string Verdict, IReadOnlyList<string> Lines, string Json, IReadOnlyList<long> OpIndexes);

/// <summary>
/// Finds in results.json (or Maelstrom's results.edn) every checker whose valid? is not true and the
/// ops it quotes: an op map (with index, type and f) anywhere in its report, and for set workloads
/// the adds of the values it calls lost or never read.
/// </summary>
public static class Anomalies
{
    private const int MaxJsonChars = 20_000;
    private static readonly JsonSerializerOptions Pretty = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly string[] ValueKeys = ["lost", "never-read", "unexpected"];
    private static readonly string[] AddFs = ["broadcast", "add"];

    public static IReadOnlyList<Anomaly> Find(JsonObject? results, IReadOnlyList<Op> history)
    {
        if (results is null) return [];
        var found = new List<Anomaly>();
        foreach (var (name, node) in results)
        {
            if (node is not JsonObject section) continue;
            var verdict = Verdict(section["valid?"]);
            var hasExceptions = name == "exceptions" && section["exceptions"] is JsonArray { Count: > 0 };
            if (verdict == "valid" && !hasExceptions) continue;
            var indexes = new SortedSet<long>();
            Collect(section, indexes);
            foreach (var key in ValueKeys)
            {
                if (section[key] is not JsonArray values || values.Count == 0) continue;
                var wanted = values.Select(v => v?.ToJsonString()).ToHashSet();
                foreach (var op in history)
                    if (op.IsClient && op.Type == OpType.Invoke && AddFs.Contains(op.F) && wanted.Contains(op.Value?.ToJsonString())) indexes.Add(op.Index);
            }
            var json = section.ToJsonString(Pretty);
            if (json.Length > MaxJsonChars) json = json[..MaxJsonChars] + $"\n… ({json.Length - MaxJsonChars} more characters in the results file)";
            found.Add(new Anomaly(name, verdict, Lines(section), json, [.. indexes]));
        }
        return found;
    }

    /// <summary>"valid", "INVALID" or "unknown", as the summary table says it.</summary>
    public static string Verdict(JsonNode? valid) => valid switch
    {
        JsonValue v when v.TryGetValue(out bool b) => b ? "valid" : "INVALID",
        _ => "unknown",
    };

    /// <summary>The operations that failed or whose outcome is unknown, grouped by their error.</summary>
    public static IReadOnlyList<(string Error, int Count, IReadOnlyList<long> Examples)> Errors(IReadOnlyList<Op> history, int examples = 5) =>
        [.. history.Where(o => o.IsClient && o.Type is OpType.Fail or OpType.Info)
            .GroupBy(o => $"{o.Type.ToString().ToLowerInvariant()} {o.F}: {o.Error ?? "(no error given)"}")
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Count(), (IReadOnlyList<long>)[.. g.Take(examples).Select(o => o.Index)]))];

    private static IReadOnlyList<string> Lines(JsonObject section)
    {
        var lines = new List<string>();
        foreach (var (key, value) in section)
        {
            if (key == "valid?") continue;
            lines.Add(value switch
            {
                null => $"{key}: nil",
                JsonArray a => $"{key}: {a.Count} item{(a.Count == 1 ? "" : "s")}{(a.Count > 0 && a.Count <= 8 && a.ToJsonString().Length < 120 ? " " + a.ToJsonString() : "")}",
                JsonObject o => $"{key}: {{{string.Join(", ", o.Select(kv => kv.Key).Take(12))}{(o.Count > 12 ? ", …" : "")}}}",
                _ => $"{key}: {Summary.FormatNumber(value) ?? value.ToJsonString()}",
            });
        }
        return lines;
    }

    private static void Collect(JsonNode? node, SortedSet<long> indexes)
    {
        switch (node)
        {
            case JsonObject o:
                if (o["index"] is JsonValue ix && JsonNumbers.TryGetInt64(ix, out var i) && o.ContainsKey("type") && o.ContainsKey("f")) indexes.Add(i);
                foreach (var (_, v) in o) Collect(v, indexes);
                break;
            case JsonArray a:
                foreach (var v in a) Collect(v, indexes);
                break;
        }
    }
}
