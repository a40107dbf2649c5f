using System.Text.Json.Nodes;
using Glomers.Harness.History;

namespace Glomers.Harness.Checkers.Kafka;

/// <summary>
/// Jepsen's kafka checker (jepsen.tests.kafka) as Maelstrom runs it: assign, no transactions, no
/// write-write inference. It rebuilds each key's log from the sends and polls, then looks for every
/// error type kafka.clj names; the history is valid when every type found is in Maelstrom's allowed
/// set. Each type is reported as {count, errs} with a bounded sample (unseen keeps Maelstrom's own
/// shape {time, unseen, messages} and adds the total as count), beside error-types, bad-error-types,
/// info-txn-causes and worst-realtime-lag. Ops that cannot be read are counted in malformed-count.
/// </summary>
public sealed class KafkaChecker : IChecker
{
    private const int Sample = 8;
    private const int LogSample = 32;

    public CheckResult Check(CheckInput input)
    {
        var history = KafkaHistory.Decode(input.History);
        var a = new KafkaAnalysis(history);
        var errors = new KafkaErrors();

        errors.Add("duplicate", LogFindings.Duplicates(a), SampleRule.Least, LogSample);
        errors.Add("inconsistent-offsets", LogFindings.InconsistentOffsets(a), SampleRule.Least, LogSample);
        var intPolls = OrderFindings.InternalPolls(a);
        errors.Add("int-poll-skip", intPolls.Skips, SampleRule.Greatest, Sample);
        errors.Add("int-nonmonotonic-poll", intPolls.Nonmonotonic, SampleRule.Least, Sample);
        var intSends = OrderFindings.InternalSends(a);
        errors.Add("int-send-skip", intSends.Skips, SampleRule.Greatest, Sample);
        errors.Add("int-nonmonotonic-send", intSends.Nonmonotonic, SampleRule.Least, Sample);
        var polls = OrderFindings.ExternalPolls(a);
        errors.Add("poll-skip", polls.Skips, SampleRule.Greatest, Sample);
        errors.Add("nonmonotonic-poll", polls.Nonmonotonic, SampleRule.Least, Sample);
        errors.Add("nonmonotonic-send", OrderFindings.ExternalSends(a), SampleRule.Least, Sample);
        errors.Add("precommitted-read", ReadFindings.PrecommittedReads(a), SampleRule.InOrder, Sample);
        errors.Add("G1a", ReadFindings.AbortedReads(a), SampleRule.InOrder, Sample);
        errors.Add("lost-write", ReadFindings.LostWrites(a), SampleRule.InOrder, Sample);
        if (Unseen.Find(a) is { } unseen) errors.AddReport("unseen", unseen);
        var (cycles, cycleExists) = FutureReads.Find(a);
        errors.Add("G1c-realtime", cycles, SampleRule.Least, Sample);
        errors.Add("strong-PL-2-cycle-exists", cycleExists, SampleRule.InOrder, Sample);
        if (FutureReads.GraphIsEmpty(a)) errors.AddReport("empty-transaction-graph", new JsonObject { ["count"] = 1, ["errs"] = true });

        var bad = errors.BadTypes.ToList();
        var details = new JsonObject
        {
            ["worst-realtime-lag"] = RealtimeLag.ToJson(RealtimeLag.Find(history)),
            ["bad-error-types"] = Strings(bad),
            ["error-types"] = Strings(errors.Types),
            ["info-txn-causes"] = new JsonArray([.. InfoCauses(history).Select(c => (JsonNode?)c)]),
        };
        foreach (var (type, report) in errors.Reports) details[type] = report.DeepClone();
        if (history.MalformedCount > 0)
        {
            details["malformed-count"] = history.MalformedCount;
            details["malformed"] = Strings(history.Malformed);
        }
        return new CheckResult(bad.Count == 0 ? Validity.True : Validity.False, details);
    }

    /// <summary>Why sends and polls ended indefinite, each cause once, in history order (null when none was given).</summary>
    private static IEnumerable<string?> InfoCauses(KafkaHistory history) =>
        history.Ops.Where(o => o.Op.Type == OpType.Info && (o.IsPollLike || o.IsSendLike))
            .Select(o => o.Op.Error).Distinct();

    private static JsonArray Strings(IEnumerable<string> items) => new([.. items.Select(s => (JsonNode)s)]);
}
