using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Glomers.Harness.Checkers;
using Glomers.Harness.Checkers.Kafka;
using Glomers.Harness.Cli;
using Glomers.Harness.Tests.Fixtures;

namespace Glomers.Harness.Tests.Checkers.Kafka;

/// <summary>
/// The kafka checker on the histories of real Maelstrom 0.2.5 kafka runs, against the workload part of
/// Maelstrom's results.edn: verdict, error types, bad error types, the count of every type, unseen
/// per key, the worst realtime lag, and the cases Maelstrom lists. Maelstrom draws its samples in its
/// own map order, so a sampled case is looked up among all of ours rather than compared by position;
/// lost writes, which Maelstrom lists in full, are compared as a whole.
/// </summary>
public sealed class KafkaMaelstromAgreementTests
{
    private static readonly ConcurrentDictionary<string, Checked> Done = new();

    private sealed record Checked(MaelstromFixture Fixture, JsonObject Theirs, CheckResult Ours, KafkaAnalysis Analysis);

    public static TheoryData<string> Fixtures => new() { "kafka_ok", "kafka_ok_5b", "kafka_lossy", "kafka_skip" };

    private static Checked Check(string name) => Done.GetOrAdd(name, n =>
    {
        var fixture = MaelstromFixture.Load(n);
        var input = new CheckInput(fixture.History, [], [], new TestOptions());
        var analysis = new KafkaAnalysis(KafkaHistory.Decode(fixture.History));
        return new Checked(fixture, fixture.Results["workload"]!.AsObject(), new KafkaChecker().Check(input), analysis);
    });

    private static string Json(JsonNode? n) => n?.ToJsonString() ?? "null";

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void VerdictAndErrorTypesAreMaelstroms(string name)
    {
        var c = Check(name);
        Assert.Equal(c.Theirs["valid?"]!.GetValue<bool>() ? Validity.True : Validity.False, c.Ours.Valid);
        Assert.Equal(Json(c.Theirs["error-types"]), Json(c.Ours.Details["error-types"]));
        Assert.Equal(Json(c.Theirs["bad-error-types"]), Json(c.Ours.Details["bad-error-types"]));
        Assert.Equal(Json(c.Theirs["info-txn-causes"]), Json(c.Ours.Details["info-txn-causes"]));
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void EveryTypeCountsWhatMaelstromCounts(string name)
    {
        var c = Check(name);
        foreach (var type in c.Theirs["error-types"]!.AsArray().Select(t => t!.GetValue<string>()))
        {
            var theirs = c.Theirs[type]!;
            var ours = c.Ours.Details[type]!;
            if (type == "unseen")
            {
                // Maelstrom's unseen has no count: the unseen messages per key, and when that was. Its
                // messages map is unordered, so both sides are compared with their keys sorted.
                Assert.Equal(JsonValueOrder.Key(theirs["unseen"]), JsonValueOrder.Key(ours["unseen"]));
                Assert.Equal(JsonValueOrder.Key(theirs["messages"]), JsonValueOrder.Key(ours["messages"]));
                Assert.Equal(Json(theirs["time"]), Json(ours["time"]));
            }
            else Assert.Equal(Json(theirs["count"]), Json(ours["count"]));
        }
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void WorstRealtimeLagIsMaelstroms(string name)
    {
        var theirs = Check(name).Theirs["worst-realtime-lag"]!;
        var ours = Check(name).Ours.Details["worst-realtime-lag"]!;
        Assert.Equal(theirs["time"]!.GetValue<double>(), ours["time"]!.GetValue<double>(), 1e-9);
        Assert.Equal(theirs["lag"]!.GetValue<double>(), ours["lag"]!.GetValue<double>(), 1e-9);
        Assert.Equal(Json(theirs["process"]), Json(ours["process"]));
        Assert.Equal(Json(theirs["key"]), Json(ours["key"]));
    }

    [Fact]
    public void EveryInconsistentOffsetMaelstromShowsIsOneOfOurs()
    {
        var c = Check("kafka_lossy");
        var ours = LogFindings.InconsistentOffsets(c.Analysis).Select(e => Json(e.Render())).ToHashSet();
        var theirs = c.Theirs["inconsistent-offsets"]!["errs"]!.AsArray();
        Assert.Equal(32, theirs.Count);
        foreach (var err in theirs) Assert.Contains(Json(err), ours);
    }

    [Fact]
    public void TheLostWritesAreTheOnesMaelstromLists()
    {
        // Maelstrom lists every lost write; so does a full run of ours, with the same writer and the
        // same poll that proves the highest index read.
        var c = Check("kafka_skip");
        static string Describe(JsonNode e) =>
            $"{Json(e["key"])} {Json(e["value"])} {Json(e["index"])} {Json(e["max-read-index"])} {Json(e["writer"]!["index"])} {Json(e["max-read"]?["index"])}";
        var ours = ReadFindings.LostWrites(c.Analysis).Select(e => Describe(e.Render())).Order().ToList();
        var theirs = c.Theirs["lost-write"]!["errs"]!.AsArray().Select(e => Describe(e!)).Order().ToList();
        Assert.Equal(theirs, ours);
    }

    [Fact]
    public void MaelstromsSampleOfInternalSkipsIsAmongOurs()
    {
        var c = Check("kafka_skip");
        static string Describe(JsonNode e) =>
            $"{Json(e["key"])} {Json(e["values"])} {Json(e["delta"])} {Json(e["skipped"])} {Json(e["op"]!["index"])}";
        var ours = OrderFindings.InternalPolls(c.Analysis).Skips.Select(e => Describe(e.Render())).ToHashSet();
        var theirs = c.Theirs["int-poll-skip"]!["errs"]!.AsArray();
        Assert.Equal(8, theirs.Count);
        foreach (var err in theirs) Assert.Contains(Describe(err!), ours);
    }
}
