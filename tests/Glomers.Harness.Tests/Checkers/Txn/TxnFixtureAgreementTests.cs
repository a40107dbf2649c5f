using System.Text.Json.Nodes;
using Glomers.Harness.Checkers;
using Glomers.Harness.Checkers.Txn;
using Glomers.Harness.Tests.Fixtures;

namespace Glomers.Harness.Tests.Checkers.Txn;

/// <summary>
/// Our verdict, anomaly types, case counts and model boundary on real Maelstrom 0.2.5 runs, judged
/// with the --consistency-models each run was given (its flags in the fixtures README). Where we
/// report more or differently, the test says so and why.
/// </summary>
public class TxnFixtureAgreementTests
{
    private sealed record Verdicts(CheckResult Ours, JsonObject Theirs)
    {
        public List<string> OurTypes => Names(Ours.Details["anomaly-types"]);
        public List<string> TheirTypes => Names(Theirs["anomaly-types"]);
        public int OurCount(string type) => Ours.Details["anomalies"]?[type]?.AsArray().Count ?? 0;
        public int TheirCount(string type) => Theirs["anomalies"]?[type]?.AsArray().Count ?? 0;
        public bool TheirValid => Theirs["valid?"]!.GetValue<bool>();
    }

    private static List<string> Names(JsonNode? list) => list is JsonArray a ? [.. a.Select(n => n!.GetValue<string>())] : [];

    private static Verdicts Judge(string fixture, string? model = null)
    {
        var f = MaelstromFixture.Load(fixture);
        var flag = f.Flags.ToList().IndexOf("--consistency-models");
        Assert.True(flag >= 0, $"{fixture}: the README gives no --consistency-models");
        return new Verdicts(TxnChecker.Check(f.History, [model ?? f.Flags[flag + 1]]), f.Results["workload"]!.AsObject());
    }

    [Theory]
    [InlineData("txn_ok")]
    [InlineData("txn_ok_6c")]
    public void ReadCommittedNodeIsValidUnderReadCommitted(string fixture)
    {
        var v = Judge(fixture);

        Assert.True(v.TheirValid);
        Assert.Empty(v.TheirTypes);
        Assert.Equal(Validity.True, v.Ours.Valid);
        Assert.Empty(v.OurTypes);
    }

    [Fact]
    public void ReadCommittedNodeJudgedStrictSerializable()
    {
        var v = Judge("txn_ok_ser");

        Assert.False(v.TheirValid);
        Assert.Equal(Validity.False, v.Ours.Valid);
        Assert.Equal(["G-nonadjacent-item", "G-nonadjacent-item-realtime", "G-single-item-realtime", "G2-item", "lost-update"], v.TheirTypes);
        // We differ on one type: in two components Elle's search met a single-rw realtime cycle it
        // explained as another type and gave up, so it printed the weaker G-nonadjacent-item-realtime
        // there; we find the G-single-item-realtime cycle itself (3 components more than Elle), which
        // implies it. Every type Maelstrom printed is implied by ours.
        Assert.Equal(["G-nonadjacent-item", "G-single-item-realtime", "G2-item", "lost-update"], v.OurTypes);
        Assert.Subset(ConsistencyModels.AllImplied(v.OurTypes).ToHashSet(), v.TheirTypes.ToHashSet());
        Assert.Equal((51, 54), (v.TheirCount("G-single-item-realtime"), v.OurCount("G-single-item-realtime")));
        foreach (var same in new[] { "G-nonadjacent-item", "G2-item", "lost-update" })
            Assert.Equal(v.TheirCount(same), v.OurCount(same));
        Assert.Equal(Names(v.Theirs["not"]).Order(), Names(v.Ours.Details["not"]));
        Assert.Equal(Names(v.Theirs["also-not"]).Order(), Names(v.Ours.Details["also-not"]));
    }

    [Fact]
    public void DirtyReadsAreG1aUnderReadCommitted()
    {
        var v = Judge("txn_dirty");

        Assert.False(v.TheirValid);
        Assert.Equal(Validity.False, v.Ours.Valid);
        Assert.Equal(["G1a"], v.TheirTypes);
        Assert.Equal(v.TheirCount("G1a"), v.OurCount("G1a"));
        // We also name the dirty updates (a committed txn read an aborted write and wrote that key
        // on top of it), which Elle only looks for in list-append histories; each is also a G1a.
        Assert.Equal(["G1a", "dirty-update"], v.OurTypes);
        Assert.Equal(35, v.OurCount("dirty-update"));
        Assert.Equal(Names(v.Theirs["not"]).Order(), Names(v.Ours.Details["not"]));
        Assert.Equal(Names(v.Theirs["also-not"]).Order(), Names(v.Ours.Details["also-not"]));
    }

    [Fact]
    public void ReadCommittedNodeHasNoWriteCycleEvenUnderReadUncommitted() =>
        Assert.Equal(Validity.True, Judge("txn_ok_6c", "read-uncommitted").Ours.Valid);
}
