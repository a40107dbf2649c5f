using System.Text.Json.Nodes;

namespace Glomers.Harness.Checkers.Kafka;

/// <summary>One offending case; its report is built only if it lands in the sample.</summary>
internal readonly record struct ErrorCase(long SortKey, Func<JsonObject> Render);

/// <summary>How kafka.clj's condense-error picks the sample it shows of each error type.</summary>
internal enum SampleRule
{
    /// <summary>The first cases found.</summary>
    InOrder,

    /// <summary>The cases with the least sort key (most negative delta, fewest values), stable.</summary>
    Least,

    /// <summary>The cases with the greatest sort key (largest skips), stable, in ascending order.</summary>
    Greatest,
}

/// <summary>
/// The error types found, each with every case kept lightly and a bounded, rendered sample.
/// Maelstrom's allowed set decides which types make the history invalid.
/// </summary>
internal sealed class KafkaErrors
{
    /// <summary>Types kafka.clj allows under assign (Maelstrom's mode) without write-write inference.</summary>
    public static readonly IReadOnlySet<string> Allowed = new HashSet<string>(StringComparer.Ordinal)
    {
        "int-send-skip", "G0", "G0-process", "G0-realtime", "PL-1-cycle-exists", "strong-PL-1-cycle-exists",
    };

    private readonly SortedDictionary<string, JsonNode> _reports = new(StringComparer.Ordinal);

    public IEnumerable<string> Types => _reports.Keys;
    public IEnumerable<string> BadTypes => _reports.Keys.Where(t => !Allowed.Contains(t));
    public IEnumerable<KeyValuePair<string, JsonNode>> Reports => _reports;

    public void Add(string type, List<ErrorCase> cases, SampleRule rule, int sampleSize)
    {
        if (cases.Count == 0) return;
        IEnumerable<ErrorCase> sample = rule switch
        {
            SampleRule.Least => cases.OrderBy(c => c.SortKey).Take(sampleSize),
            SampleRule.Greatest => cases.OrderBy(c => c.SortKey).TakeLast(sampleSize),
            _ => cases.Take(sampleSize),
        };
        _reports[type] = new JsonObject
        {
            ["count"] = cases.Count,
            ["errs"] = new JsonArray([.. sample.Select(c => (JsonNode)c.Render())]),
        };
    }

    /// <summary>A type reported in its own shape (unseen, empty-transaction-graph).</summary>
    public void AddReport(string type, JsonNode report) => _reports[type] = report;
}
