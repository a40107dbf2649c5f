using Glomers.Harness.Checkers;
using Glomers.Harness.Checkers.Txn;
using Glomers.Harness.Cli;
using Glomers.Harness.History;
using Glomers.Harness.Workloads;

namespace Glomers.Harness.Tests.Checkers.Txn;

public class TxnCheckerTests
{
    private const string RU = "read-uncommitted", RC = "read-committed", Ser = "serializable", Strict = "strict-serializable";

    private static string Types(CheckResult r) => r.Details["anomaly-types"]!.ToJsonString();

    private static void Valid(CheckResult r)
    {
        Assert.Equal("[]", Types(r));
        Assert.Equal(Validity.True, r.Valid);
        Assert.Null(r.Details["anomalies"]);
    }

    private static void Invalid(CheckResult r, string types)
    {
        Assert.Equal(types, Types(r));
        Assert.Equal(Validity.False, r.Valid);
    }

    // T3 wrote key 2, T1 read it and wrote key 1, T2 read key 1 but not T3's key 2.
    private static TxnHistoryBuilder SingleAntiDependency(string t2ReadOfKey2) => new TxnHistoryBuilder()
        .Ok(0, "w 2 1")
        .Ok(1, "r 2 1", "w 1 1")
        .Ok(2, "r 1 1", $"r 2 {t2ReadOfKey2}");

    [Fact]
    public void AbortedReadIsG1aUnderReadCommittedOnly()
    {
        var h = new TxnHistoryBuilder().Failed(0, "w 1 1").Ok(1, "r 1 1").Unrelated();

        var rc = h.Check(RC);
        Invalid(rc, """["G1a"]""");
        var g1a = Assert.Single(rc.Details["anomalies"]!["G1a"]!.AsArray())!;
        Assert.Equal("""["r",1,1]""", g1a["mop"]!.ToJsonString());
        Assert.Equal("fail", g1a["writer"]!["type"]!.GetValue<string>());
        Assert.Equal("""["read-committed"]""", rc.Details["not"]!.ToJsonString());
        Valid(h.Check(RU));
    }

    [Fact]
    public void ReadOfNilBesideAFailedWriteIsClean() =>
        Valid(new TxnHistoryBuilder().Failed(0, "w 1 1").Ok(1, "r 1 nil").Ok(2, "w 1 2").Check(Strict));

    [Fact]
    public void ReadOfAnIndeterminateWriteIsNotAnAbortedRead() =>
        Valid(new TxnHistoryBuilder().Begin(0, "w 1 1").Crash(0).Ok(1, "r 1 1").Unrelated().Check(RC));

    [Fact]
    public void IntermediateReadIsG1b()
    {
        Invalid(new TxnHistoryBuilder().Ok(0, "w 1 1", "w 1 2").Ok(1, "r 1 1").Unrelated().Check(RC), """["G1b"]""");
        Valid(new TxnHistoryBuilder().Ok(0, "w 1 1", "w 1 2").Ok(1, "r 1 2").Check(RC));
        Valid(new TxnHistoryBuilder().Ok(0, "w 1 1", "w 1 2").Ok(1, "r 1 1").Unrelated().Check(RU));
    }

    [Fact]
    public void ReadingOwnIntermediateWriteIsNotG1b() =>
        Valid(new TxnHistoryBuilder().Ok(0, "w 1 1", "r 1 1", "w 1 2").Unrelated().Check(RC));

    [Fact]
    public void InternalInconsistencyUnderSerializable()
    {
        var bad = new TxnHistoryBuilder().Ok(0, "w 1 1", "r 1 5").Unrelated();
        Invalid(bad.Check(Ser), """["internal"]""");
        Assert.Equal("1", bad.Check(Ser).Details["anomalies"]!["internal"]![0]!["expected"]!.ToJsonString());
        Valid(bad.Check(RC));
        Valid(new TxnHistoryBuilder().Ok(0, "w 1 1", "r 1 1").Unrelated().Check(Ser));
    }

    [Fact]
    public void NonRepeatableNilReadIsInternal() =>
        Invalid(new TxnHistoryBuilder().Ok(0, "w 1 1").Ok(1, "r 1 nil", "r 1 1").Check(Ser), """["internal"]""");

    [Fact]
    public void WriteReadCycleIsG1c()
    {
        var bad = new TxnHistoryBuilder().Begin(0, "w 1 1", "r 2 1").Begin(1, "w 2 1", "r 1 1").Commit(0).Commit(1);

        var rc = bad.Check(RC);
        Invalid(rc, """["G1c"]""");
        var cycle = Assert.Single(rc.Details["anomalies"]!["G1c"]!.AsArray())!;
        Assert.Equal(3, cycle["cycle"]!.AsArray().Count);
        Assert.Equal("""["wr","wr"]""", new System.Text.Json.Nodes.JsonArray([.. cycle["steps"]!.AsArray().Select(s => s!["type"]!.DeepClone())]).ToJsonString());
        Valid(bad.Check(RU));
        Valid(new TxnHistoryBuilder().Begin(0, "w 1 1", "r 2 nil").Begin(1, "w 2 1", "r 1 1").Commit(0).Commit(1).Check(Strict));
    }

    [Fact]
    public void WriteCycleThroughFinalWritesIsG0EvenUnderReadUncommitted()
    {
        // Each overwrote the other's key after reading it: x 1 < 2 (T2), y 2 < 1 (T1).
        var bad = new TxnHistoryBuilder().Begin(0, "w 1 1", "r 2 2", "w 2 1").Begin(1, "r 1 1", "w 1 2", "w 2 2").Commit(0).Commit(1);

        Invalid(bad.Check(RU), """["G0"]""");
        // Elle files the same cycle as G1c (each ww edge is also a wr edge); both are reported.
        Invalid(bad.Check(RC), """["G0","G1c"]""");
        Valid(new TxnHistoryBuilder().Ok(0, "w 1 1").Ok(1, "r 1 1", "w 1 2", "w 2 2").Ok(2, "r 2 2", "w 2 3").Check(RU));
    }

    [Fact]
    public void WriteCycleThroughIntermediateWritesIsG0()
    {
        // Maelstrom issue 56: T1's write 1 was overwritten by T2's 10, which T1 overwrote with 2.
        var bad = new TxnHistoryBuilder().Begin(0, "w 1 1", "r 1 10", "w 1 2").Begin(1, "r 1 1", "w 1 10", "w 1 11").Commit(0).Commit(1).Unrelated();

        var ru = bad.Check(RU);
        Invalid(ru, """["G0"]""");
        var steps = ru.Details["anomalies"]!["G0"]![0]!["steps"]!.AsArray();
        Assert.All(steps, s => Assert.True(s!["intermediate?"]!.GetValue<bool>()));
        Valid(new TxnHistoryBuilder().Ok(0, "w 1 1", "w 1 2").Ok(1, "r 1 2", "w 1 10", "w 1 11").Check(RU));
    }

    [Fact]
    public void CyclicVersionOrderIsReportedUnderReadUncommitted()
    {
        var bad = new TxnHistoryBuilder().Begin(0, "r 1 1", "w 1 2").Begin(1, "r 1 2", "w 1 1").Commit(0).Commit(1);

        var ru = bad.Check(RU);
        Invalid(ru, """["G0","cyclic-versions"]""");
        Assert.Equal("[1,2]", ru.Details["anomalies"]!["cyclic-versions"]![0]!["scc"]!.ToJsonString());
        Valid(new TxnHistoryBuilder().Ok(0, "r 1 nil", "w 1 1").Ok(1, "r 1 1", "w 1 2").Check(RU));
    }

    [Fact]
    public void SingleAntiDependencyCycleIsGSingleItem()
    {
        Invalid(SingleAntiDependency("nil").Check(Ser), """["G-single-item"]""");
        Valid(SingleAntiDependency("nil").Check(RC));
        Valid(SingleAntiDependency("1").Check(Ser));
    }

    [Fact]
    public void WriteSkewIsG2Item()
    {
        var skew = new TxnHistoryBuilder().Begin(0, "r 1 nil", "r 2 nil", "w 1 1").Begin(1, "r 1 nil", "r 2 nil", "w 2 1").Commit(0).Commit(1);

        Invalid(skew.Check(Ser), """["G2-item"]""");
        Valid(skew.Check(RC));
        Valid(new TxnHistoryBuilder().Ok(0, "r 1 nil", "r 2 nil", "w 1 1").Ok(1, "r 1 1", "r 2 nil", "w 2 1").Check(Ser));
    }

    [Fact]
    public void AlternatingAntiDependenciesAreGNonadjacentItem()
    {
        TxnHistoryBuilder Ring(string t1ReadOfKey1) => new TxnHistoryBuilder()
            .Begin(0, "r 4 1", $"r 1 {t1ReadOfKey1}").Begin(1, "w 1 1", "w 2 1").Begin(2, "r 2 1", "r 3 nil").Begin(3, "w 3 1", "w 4 1")
            .Commit(0).Commit(1).Commit(2).Commit(3);

        var bad = Ring("nil").Check(Ser);
        Invalid(bad, """["G-nonadjacent-item"]""");
        Assert.Equal("""["rw","wr","rw","wr"]""", new System.Text.Json.Nodes.JsonArray([.. bad.Details["anomalies"]!["G-nonadjacent-item"]![0]!["steps"]!.AsArray().Select(s => s!["type"]!.DeepClone())]).ToJsonString());
        Valid(Ring("1").Check(Ser));
    }

    [Fact]
    public void LostUpdateUnderSerializableNotReadCommitted()
    {
        var lost = new TxnHistoryBuilder().Ok(0, "w 1 1").Begin(1, "r 1 1", "w 1 2").Begin(2, "r 1 1", "w 1 3").Commit(1).Commit(2);

        var ser = lost.Check(Ser);
        Invalid(ser, """["G2-item","lost-update"]""");
        Assert.Equal(2, ser.Details["anomalies"]!["lost-update"]![0]!["txns"]!.AsArray().Count);
        Valid(lost.Check(RC));
        Valid(new TxnHistoryBuilder().Ok(0, "w 1 1").Ok(1, "r 1 1", "w 1 2").Ok(2, "r 1 2", "w 1 3").Check(Ser));
    }

    [Fact]
    public void UpdateOnAnAbortedWriteIsADirtyUpdate()
    {
        Invalid(new TxnHistoryBuilder().Failed(0, "w 1 1").Ok(1, "r 1 1", "w 1 2").Unrelated().Check(RC), """["G1a","dirty-update"]""");
        Valid(new TxnHistoryBuilder().Failed(0, "w 1 1").Ok(1, "r 1 nil", "w 1 2").Unrelated().Check(RC));
    }

    [Fact]
    public void StaleReadAfterCompletionIsRealtimeOnlyUnderStrictSerializable()
    {
        TxnHistoryBuilder Stale(string read) => new TxnHistoryBuilder().Ok(0, "w 1 1").Ok(1, $"r 1 {read}");

        var strict = Stale("nil").Check(Strict);
        Invalid(strict, """["G-single-item-realtime"]""");
        Assert.Equal("""["rw","realtime"]""", new System.Text.Json.Nodes.JsonArray([.. strict.Details["anomalies"]!["G-single-item-realtime"]![0]!["steps"]!.AsArray().Select(s => s!["type"]!.DeepClone())]).ToJsonString());
        Valid(Stale("nil").Check(Ser));
        Valid(Stale("1").Check(Strict));
    }

    [Fact]
    public void ConcurrentReadOfOldValueIsNotRealtime() =>
        Valid(new TxnHistoryBuilder().Begin(1, "r 1 nil").Ok(0, "w 1 1").Commit(1).Check(Strict));

    [Fact]
    public void ProcessOrderVariantUnderStrongSessionSerializable()
    {
        const string model = "strong-session-serializable";
        Invalid(new TxnHistoryBuilder().Ok(0, "w 1 1").Ok(0, "r 1 nil").Check(model), """["G-single-item-process"]""");
        Valid(new TxnHistoryBuilder().Ok(0, "w 1 1").Ok(1, "r 1 nil").Check(model));
        Valid(new TxnHistoryBuilder().Ok(0, "w 1 1").Ok(0, "r 1 1").Check(model));
    }

    [Fact]
    public void NoDependenciesAtAllIsAnEmptyGraph() =>
        Invalid(new TxnHistoryBuilder().Ok(0, "r 1 nil").Check(RC), """["empty-transaction-graph"]""");

    [Fact]
    public void AliasesNameTheSameModels()
    {
        var skew = new TxnHistoryBuilder().Begin(0, "r 1 nil", "r 2 nil", "w 1 1").Begin(1, "r 1 nil", "r 2 nil", "w 2 1").Commit(0).Commit(1);

        Invalid(skew.Check("PL-3"), """["G2-item"]""");
        Invalid(skew.Check("conflict-serializable"), """["G2-item"]""");
        Valid(skew.Check("PL-2"));
        Valid(skew.Check("snapshot-isolation"));
        Invalid(skew.Check(RC, Ser), """["G2-item"]""");
    }

    [Fact]
    public void MalformedOpsAreNamedNotGuessed()
    {
        var h = new TxnHistoryBuilder().Ok(0, "w 1 1").Ok(1, "r 1 1");
        h.History.Invoke(2, TxnHistory.TxnF, "nonsense").Ok(2, new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonArray("x", 1, 2)));

        var r = h.Check(RC);

        Assert.Equal(Validity.Unknown, r.Valid);
        Assert.Contains("not [\"r\", k, v]", r.Details["errors"]![0]!.GetValue<string>());
    }

    [Fact]
    public void UnknownModelIsAnError() =>
        Assert.Equal(Validity.Unknown, new TxnHistoryBuilder().Ok(0, "w 1 1").Check("eventual").Valid);

    [Fact]
    public void CheckerReadsModelsFromOptions()
    {
        var h = new TxnHistoryBuilder().Failed(0, "w 1 1").Ok(1, "r 1 1").Unrelated();
        var checker = WorkloadCatalog.Checker("txn-rw-register");

        Assert.Equal(Validity.False, h.History.Check(checker, new TestOptions { ConsistencyModels = [RC] }).Valid);
        Assert.Equal(Validity.True, h.History.Check(checker, new TestOptions { ConsistencyModels = [RU] }).Valid);
    }

    [Fact]
    public void LongChainsNeedNoRecursion()
    {
        // A 20000-txn ww/wr chain closed into one cycle: the SCC search and cycle search stay iterative.
        var h = new TxnHistoryBuilder().Ok(0, "r 1 nil", "w 1 1");
        for (var i = 1; i < 20_000; i++) h.Ok(0, $"r 1 {i}", $"w 1 {i + 1}");
        h.Ok(0, "r 1 20000", "w 2 1").Ok(0, "r 2 1", "r 1 1");

        Invalid(h.Check(Ser), """["G-single-item"]""");
    }

    [Fact]
    public void SixtySecondsOfACorrectStoreAtRate1000AreStrictSerializable()
    {
        var ops = SyntheticTxnHistory.Generate(seconds: 60, rate: 1000, processes: 4, seed: 7);

        var result = TxnChecker.Check(ops, [Strict]);

        Assert.True(ops.Count > 100_000);
        Valid(result);
    }

    [Fact]
    public void SyntheticStoreSeenThroughAStaleReplicaIsCaught()
    {
        // The same history with one committed read turned stale: it still returns nil after a write of its key completed.
        var ops = SyntheticTxnHistory.Generate(seconds: 2, rate: 1000, processes: 4, seed: 7);
        var stale = ops.FindIndex(op => op.Type == OpType.Ok && op.Time > 1_000_000_000
            && op.Value!.AsArray().Count == 1 && op.Value[0]![0]!.GetValue<string>() == "r" && op.Value[0]![2] is not null);
        var mop = ops[stale].Value![0]!.AsArray();
        ops[stale] = ops[stale] with { Value = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonArray("r", mop[1]!.DeepClone(), null)) };

        Invalid(TxnChecker.Check(ops, [Strict]), """["G-single-item-realtime"]""");
        Valid(TxnChecker.Check(ops, [RC]));
    }

    [Fact]
    public void CycleSearchOutOfBudgetFallsBackOnCycleExistence()
    {
        var skew = new TxnHistoryBuilder().Begin(0, "r 1 nil", "r 2 nil", "w 1 1").Begin(1, "r 1 nil", "r 2 nil", "w 2 1").Commit(0).Commit(1);

        var r = TxnChecker.Check(skew.History.Ops, [Ser], searchBudget: 0);

        // The specific search gave up, but the rw cycle alone proves repeatable read (hence serializable) broken.
        Invalid(r, """["PL-2.99-cycle-exists"]""");
        var exists = r.Details["anomalies"]!["PL-2.99-cycle-exists"]![0]!;
        Assert.Equal("repeatable-read", exists["not"]!.GetValue<string>());
        Assert.Equal("[2,3]", exists["scc"]!.ToJsonString());
        Assert.NotNull(r.Details["anomalies"]!["cycle-search-timeout"]);
    }

    [Fact]
    public void EveryModelTheCommandLineAcceptsIsKnown() =>
        Assert.All(Harness.Workloads.WorkloadFlags.ConsistencyModelNames, m => Assert.Contains(m, ConsistencyModels.Known));

    [Fact]
    public void DuplicateWritesAreNamedAndMakeTheVerdictUnknown()
    {
        var r = new TxnHistoryBuilder().Ok(0, "w 1 1").Ok(1, "w 1 1").Ok(2, "r 1 1").Check(RC);

        Assert.Equal(Validity.Unknown, r.Valid);
        Assert.Contains("written by more than one txn", r.Details["errors"]![0]!.GetValue<string>());
    }

    [Fact]
    public void DependenciesPastTheBoundAreCutShortAndSaidSo()
    {
        // Ten readers of nil, ten writers: a hundred rw edges wanted, twenty allowed.
        var h = new TxnHistoryBuilder();
        for (var i = 0; i < 10; i++) h.Ok(0, "r 1 nil");
        for (var i = 1; i <= 10; i++) h.Ok(1, $"w 1 {i}");
        var history = new TxnHistory(h.History.Ops);
        var errors = new List<string>();

        var graph = Dependencies.Build(history, new VersionOrder(history), Rel.None, errors, maxDataEdges: 20);

        Assert.InRange(graph.EdgeCount, 20, 30);
        Assert.Contains("cut short", Assert.Single(errors));
    }
}
