using System.Diagnostics;
using System.Text.Json.Nodes;
using Glomers.Harness.History;

namespace Glomers.Harness.Checkers.Linearizable;

/// <summary>
/// Maelstrom's lin-kv checker: Jepsen's independent checker over Knossos's linearizability check.
/// Ops are read / write / cas with value [key, v] (read [k, null] on invoke and [k, v] on ok, cas
/// [k, [from, to]]). Each key is searched on its own for a linearization against a cas register that
/// starts at null: ok ops happened between their invoke and completion, failed ops never happened,
/// info (or unfinished) ops may have happened at any time after their invoke, or not at all.
/// The search is bounded by <paramref name="timeLimit"/> for the whole check and by
/// <paramref name="maxCachedStatesPerKey"/> explored configurations per key; a key whose search hits
/// a bound is "unknown" with the cause, never guessed.
/// </summary>
public sealed class LinearizableChecker(TimeSpan? timeLimit = null, int maxCachedStatesPerKey = LinearizableChecker.DefaultMaxCachedStatesPerKey) : IChecker
{
    public const int DefaultMaxCachedStatesPerKey = 1_000_000;
    public static readonly TimeSpan DefaultTimeLimit = TimeSpan.FromSeconds(10);

    private readonly TimeSpan _timeLimit = timeLimit ?? DefaultTimeLimit;

    public CheckResult Check(CheckInput input)
    {
        var clock = Stopwatch.StartNew();
        var unkeyed = new List<string>();
        var keys = KeyHistory.Split(input.History, unkeyed);

        var results = new JsonObject();
        var failures = new JsonArray();
        var valid = unkeyed.Count == 0 ? Validity.True : Validity.Unknown;
        foreach (var key in keys)
        {
            var (validity, report) = CheckKey(key, clock);
            valid = valid.Merge(validity);
            // As in Jepsen, failures lists the keys found invalid; unknown ones are not failures.
            if (validity == Validity.False) failures.Add(key.Key?.DeepClone());
            results[KeyText(key.Key)] = new JsonObject { ["valid?"] = validity.ToJson(), ["linearizable"] = report };
        }

        var details = new JsonObject { ["results"] = results, ["failures"] = failures };
        if (unkeyed.Count > 0) details["malformed"] = new JsonArray([.. unkeyed.Select(m => (JsonNode)m)]);
        return new CheckResult(valid, details);
    }

    private (Validity, JsonObject) CheckKey(KeyHistory key, Stopwatch clock)
    {
        if (key.Malformed.Count > 0)
            return (Validity.Unknown, new JsonObject
            {
                ["valid?"] = "unknown",
                ["cause"] = $"{key.Malformed.Count} malformed op(s), first: {key.Malformed[0]}",
                ["malformed"] = new JsonArray([.. key.Malformed.Take(10).Select(m => (JsonNode)m)]),
            });

        var outcome = new LinearizationSearch(key.Ops).Run(clock, _timeLimit, maxCachedStatesPerKey);
        return outcome switch
        {
            SearchOutcome.Linearizable ok => (Validity.True, new JsonObject
            {
                ["valid?"] = true,
                ["analyzer"] = "wgl",
                ["model"] = FailureReport.Model(ok.FinalState, key.Values),
                ["op-count"] = key.Ops.Count,
                ["cached-states"] = ok.CachedStates,
            }),
            SearchOutcome.NotLinearizable bad => (Validity.False, FailureReport.Build(key, bad)),
            SearchOutcome.Unknown unknown => (Validity.Unknown, new JsonObject
            {
                ["valid?"] = "unknown",
                ["analyzer"] = "wgl",
                ["cause"] = unknown.Cause,
                ["placed-ok-ops"] = unknown.PlacedDefinite,
                ["ok-ops"] = key.Ops.Count(o => o.Definite),
                ["op-count"] = key.Ops.Count,
                ["cached-states"] = unknown.CachedStates,
            }),
            _ => throw new InvalidOperationException("unexpected search outcome"),
        };
    }

    // Map keys are the key's text, as Reports/Edn.cs writes them: 0 -> "0", "x" -> "x".
    private static string KeyText(JsonNode? key) => key switch
    {
        null => "nil",
        JsonValue v when v.TryGetValue(out string? s) => s,
        _ => key.ToJsonString(),
    };
}
