using System.Globalization;
using System.Text.Json.Nodes;
using Glomers.Harness.Checkers;

namespace Glomers.Harness.Reports;

/// <summary>The figures a person looks at first, pulled from results.json, and the plain verdict.</summary>
public static class Summary
{
    public static IEnumerable<string> Lines(JsonObject results, Validity valid, string? aborted)
    {
        if (aborted is not null) yield return $"Aborted: {aborted}";
        var workload = results["workload"] as JsonObject;
        var stats = results["stats"] as JsonObject;
        var net = results["net"] as JsonObject;
        if (stats is not null)
            yield return $"ops         {stats["count"]} completed: {stats["ok-count"]} ok, {stats["fail-count"]} fail, {stats["info-count"]} info";
        if (results["availability"] is JsonObject av && av["ok-fraction"] is { } fraction)
            yield return $"availability {Number(fraction)}";
        if (net?["servers"] is JsonObject servers)
            yield return $"net         servers {servers["msg-count"]} msgs, {Number(servers["msgs-per-op"])} msgs-per-op; all {Number((net["all"] as JsonObject)?["msgs-per-op"])} msgs-per-op";
        if (workload?["stable-latencies"] is JsonObject sl)
            yield return $"latency     stable median {Number(sl["0.5"])} ms, 95% {Number(sl["0.95"])} ms, max {Number(sl["1"])} ms";
        foreach (var key in new[] { "attempt-count", "stable-count", "lost-count", "never-read-count", "stale-count", "duplicated-count", "acknowledged-count" })
            if (workload?[key] is { } v) yield return $"{key,-19} {v}";
        if (workload?["final-reads"] is JsonArray reads)
            yield return $"final reads {reads.ToJsonString()} acceptable {workload["acceptable"]?.ToJsonString()}";
        if (results["exceptions"]?["exceptions"] is JsonArray classes && classes.Count > 0)
            yield return "exceptions  " + string.Join(", ", classes.OfType<JsonObject>().Select(c => $"{c["count"]} {c["class"]}")) + " (see results.json)";
        var failing = results.Where(kv => kv.Value is JsonObject o && o["valid?"] is JsonValue jv && !(jv.TryGetValue(out bool b) && b))
            .Select(kv => kv.Key).ToArray();
        yield return valid switch
        {
            Validity.True => "Verdict: VALID",
            Validity.False => $"Verdict: INVALID ({string.Join(", ", failing)})",
            _ => $"Verdict: UNKNOWN ({string.Join(", ", failing)})",
        };
    }

    private static string Number(JsonNode? node) => FormatNumber(node) ?? node?.ToJsonString() ?? "-";

    /// <summary>A figure as people read it (12, 0.939), whatever number type the checker stored; null when it is not a number.</summary>
    internal static string? FormatNumber(JsonNode? node) =>
        node is JsonValue && double.TryParse(node.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            ? d.ToString(d == Math.Floor(d) && Math.Abs(d) < 1e15 ? "0" : "0.###", CultureInfo.InvariantCulture)
            : null;
}
