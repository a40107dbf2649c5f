using System.Text.Json.Nodes;
using Glomers.Harness.Checkers;
using Glomers.Harness.Checkers.Linearizable;
using static Glomers.Harness.Tests.Checkers.Linearizable.LinKvHistory;

namespace Glomers.Harness.Tests.Checkers.Linearizable;

public class LinearizableCheckerTests
{
    private static CheckResult Check(HistoryBuilder h, LinearizableChecker? checker = null) => h.Check(checker ?? new LinearizableChecker());

    private static JsonNode Key(CheckResult r, string key = "0") => r.Details["results"]![key]!["linearizable"]!;

    private static string Compact(string json) => JsonText.Compact(json);

    [Fact]
    public void Stale_read_after_a_newer_write_completed_is_not_linearizable()
    {
        var h = new HistoryBuilder().Write(0, 1).Write(0, 2).ReadOk(1, 1);

        var r = Check(h);

        Assert.Equal(Validity.False, r.Valid);
        Assert.Equal("[0]", r.Details["failures"]!.ToJsonString());
        var read = Quoted(5, "ok", 1, "read", "1");
        var write2 = Quoted(3, "ok", 0, "write", "2");
        Assert.Equal(Compact($$"""
            {"valid?":false,"analyzer":"wgl","op":{{read}},"previous-ok":{{write2}},"last-op":{{write2}},
             "configs":[{"model":{"value":2},"last-op":{{write2}},"pending":[]}],
             "final-paths":[[{"op":{{write2}},"model":{"value":2} },{"op":{{read}},"model":{"msg":"can't read 1 from register 2"} }]],
             "window":[{{Quoted(4, "invoke", 1, "read", "null")}},{{read}}],
             "op-count":3,"cached-states":3}
            """), Key(r).ToJsonString());
    }

    [Fact]
    public void Read_of_the_old_value_concurrent_with_the_new_write_is_linearizable()
    {
        var h = new HistoryBuilder().Write(0, 1)
            .Invoke(0, "write", Kv(0, 2)).ReadOk(1, 1).Ok(0, Kv(0, 2))
            .ReadOk(1, 2);

        var r = Check(h);

        Assert.Equal(Validity.True, r.Valid);
        Assert.Equal("[]", r.Details["failures"]!.ToJsonString());
        Assert.Equal("""{"valid?":true,"linearizable":{"valid?":true,"analyzer":"wgl","model":{"value":2},"op-count":4,"cached-states":6}}""",
            r.Details["results"]!["0"]!.ToJsonString());
    }

    [Fact]
    public void Acknowledged_write_that_later_reads_miss_is_reported_at_the_first_read_that_misses_it()
    {
        // The read at 3-4 overlaps the write of 2 and may see 1; the read at 6-7 comes after the write's ok.
        var h = new HistoryBuilder().Write(0, 1)
            .Invoke(1, "write", Kv(0, 2)).ReadOk(2, 1).Ok(1, Kv(0, 2))
            .ReadOk(2, 1).ReadOk(2, 1);

        var r = Check(h);

        Assert.Equal(Validity.False, r.Valid);
        var stuck = Quoted(7, "ok", 2, "read", "1");
        var write2 = Quoted(5, "ok", 1, "write", "2");
        var report = Key(r);
        Assert.Equal(stuck, report["op"]!.ToJsonString());
        Assert.Equal(write2, report["previous-ok"]!.ToJsonString());
        Assert.Equal(write2, report["last-op"]!.ToJsonString());
        Assert.Equal(Compact($$"""[{"model":{"value":2},"last-op":{{write2}},"pending":[]}]"""), report["configs"]!.ToJsonString());
        Assert.Equal(Compact($"[{Quoted(6, "invoke", 2, "read", "null")},{stuck}]"), report["window"]!.ToJsonString());
    }

    [Fact]
    public void Cas_from_a_value_the_register_never_held_is_not_linearizable()
    {
        var h = new HistoryBuilder().Write(0, 1).Cas(1, 3, 4);

        var r = Check(h);

        Assert.Equal(Validity.False, r.Valid);
        var write1 = Quoted(1, "ok", 0, "write", "1");
        var cas = Quoted(3, "ok", 1, "cas", "[3,4]");
        Assert.Equal(Compact($$"""[[{"op":{{write1}},"model":{"value":1} },{"op":{{cas}},"model":{"msg":"can't CAS 1 from 3 to 4"} }]]"""),
            Key(r)["final-paths"]!.ToJsonString());
    }

    [Fact]
    public void Failed_cas_did_not_happen()
    {
        var h = new HistoryBuilder().Write(0, 1)
            .Invoke(1, "cas", Kv(0, FromTo(3, 4))).Fail(1, Kv(0, FromTo(3, 4)), "[precondition-failed, current value 1 is not 3]")
            .ReadOk(0, 1);

        var r = Check(h);

        Assert.Equal(Validity.True, r.Valid);
        Assert.Equal(2, (int)Key(r)["op-count"]!);
    }

    [Fact]
    public void Read_before_any_write_fails_from_the_initial_null()
    {
        var h = new HistoryBuilder()
            .Invoke(0, "read", Kv(0, null)).Fail(0, Kv(0, null), "[key-does-not-exist, no such key]")
            .ReadOk(0, 1).Write(1, 1);

        var report = Key(Check(h));

        var read = Quoted(3, "ok", 0, "read", "1");
        Assert.Equal(Compact($$"""
            {"valid?":false,"analyzer":"wgl","op":{{read}},"previous-ok":null,"last-op":null,
             "configs":[{"model":{"value":null},"last-op":null,"pending":[]}],
             "final-paths":[[{"op":{{read}},"model":{"msg":"can't read 1 from register nil"} }]],
             "window":[{{Quoted(2, "invoke", 0, "read", "null")}},{{read}}],
             "op-count":2,"cached-states":1}
            """), report.ToJsonString());
    }

    [Fact]
    public void Concurrent_write_and_cas_linearize_only_with_the_write_first()
    {
        // cas 1->2 is invoked before write 1 and returns after it: it must take effect after the write.
        var h = new HistoryBuilder()
            .Invoke(0, "cas", Kv(0, FromTo(1, 2)))
            .Write(1, 1)
            .Ok(0, Kv(0, FromTo(1, 2)))
            .ReadOk(2, 2);

        var r = Check(h);

        Assert.Equal(Validity.True, r.Valid);
        Assert.Equal("""{"value":2}""", Key(r)["model"]!.ToJsonString());
    }

    [Fact]
    public void Concurrent_write_and_cas_then_a_read_of_the_written_value_is_not_linearizable()
    {
        var h = new HistoryBuilder()
            .Invoke(0, "cas", Kv(0, FromTo(1, 2)))
            .Write(1, 1)
            .Ok(0, Kv(0, FromTo(1, 2)))
            .ReadOk(2, 1);

        var r = Check(h);

        Assert.Equal(Validity.False, r.Valid);
        var cas = Quoted(3, "ok", 0, "cas", "[1,2]");
        var report = Key(r);
        Assert.Equal(Quoted(5, "ok", 2, "read", "1"), report["op"]!.ToJsonString());
        Assert.Equal(cas, report["previous-ok"]!.ToJsonString());
        Assert.Equal(cas, report["last-op"]!.ToJsonString());
        Assert.Equal("""{"value":2}""", report["configs"]![0]!["model"]!.ToJsonString());
    }

    [Fact]
    public void Info_write_may_take_effect_long_after_it_timed_out()
    {
        var h = new HistoryBuilder().Write(0, 1)
            .Invoke(1, "write", Kv(0, 2)).Info(1, Kv(0, 2))
            .ReadOk(0, 1).ReadOk(0, 1).ReadOk(0, 2);

        var r = Check(h);

        Assert.Equal(Validity.True, r.Valid);
        Assert.Equal("""{"value":2}""", Key(r)["model"]!.ToJsonString());
    }

    [Fact]
    public void Info_write_may_never_take_effect()
    {
        var h = new HistoryBuilder().Write(0, 1)
            .Invoke(1, "write", Kv(0, 2)).Info(1, Kv(0, 2))
            .ReadOk(0, 1);

        Assert.Equal(Validity.True, Check(h).Valid);
    }

    [Fact]
    public void Write_with_no_completion_may_have_happened()
    {
        var h = new HistoryBuilder().Write(0, 1).Invoke(1, "write", Kv(0, 2)).ReadOk(0, 2);

        var r = Check(h);

        Assert.Equal(Validity.True, r.Valid);
        Assert.Equal("""{"value":2}""", Key(r)["model"]!.ToJsonString());
    }

    [Fact]
    public void Read_returning_null_constrains_nothing_as_in_knossos()
    {
        var h = new HistoryBuilder().Write(0, 1).ReadOk(1, 1).Invoke(1, "read", Kv(0, null)).Ok(1, Kv(0, null));

        Assert.Equal(Validity.True, Check(h).Valid);
    }

    [Fact]
    public void Failed_write_cannot_explain_a_later_read_of_its_value()
    {
        var h = new HistoryBuilder().Write(0, 1)
            .Invoke(1, "write", Kv(0, 2)).Fail(1, Kv(0, 2), "[temporarily-unavailable, try later]")
            .ReadOk(0, 1).ReadOk(0, 2);

        var r = Check(h);

        Assert.Equal(Validity.False, r.Valid);
        Assert.Equal(Quoted(7, "ok", 0, "read", "2"), Key(r)["op"]!.ToJsonString());
    }

    [Fact]
    public void Pending_info_ops_appear_in_the_window_and_in_the_paths_tried()
    {
        // Nothing ever writes 3: neither with nor without the cas that timed out can the read be placed.
        var h = new HistoryBuilder().Write(0, 1)
            .Invoke(1, "cas", Kv(0, FromTo(1, 2))).Info(1, Kv(0, FromTo(1, 2)))
            .ReadOk(2, 3);

        var report = Key(Check(h));

        var write1 = Quoted(1, "ok", 0, "write", "1");
        var casInvoke = Quoted(2, "invoke", 1, "cas", "[1,2]");
        var read = Quoted(5, "ok", 2, "read", "3");
        // Two furthest configurations: after the write alone, and after the write and the cas.
        Assert.Equal(Compact($$"""
            [{"model":{"value":1},"last-op":{{write1}},"pending":[{{casInvoke}}]},
             {"model":{"value":2},"last-op":{{casInvoke}},"pending":[]}]
            """), report["configs"]!.ToJsonString());
        Assert.Equal(Compact($$"""
            [[{"op":{{write1}},"model":{"value":1} },{"op":{{read}},"model":{"msg":"can't read 3 from register 1"} }],
             [{"op":{{casInvoke}},"model":{"value":2} },{"op":{{read}},"model":{"msg":"can't read 3 from register 2"} }],
             [{"op":{{write1}},"model":{"value":1} },{"op":{{casInvoke}},"model":{"value":2} },{"op":{{read}},"model":{"msg":"can't read 3 from register 2"} }]]
            """), report["final-paths"]!.ToJsonString());
        Assert.Equal(Compact($"[{casInvoke},{Quoted(3, "info", 1, "cas", "[1,2]", "net-timeout")},{Quoted(4, "invoke", 2, "read", "null")},{read}]"),
            report["window"]!.ToJsonString());
    }

    [Fact]
    public void Keys_are_checked_independently_and_only_invalid_ones_are_failures()
    {
        var h = new HistoryBuilder()
            .Write(0, 1, key: 0).Write(1, 1, key: 1)
            .ReadOk(0, 1, key: 0).ReadOk(1, 2, key: 1);

        var r = Check(h);

        Assert.Equal(Validity.False, r.Valid);
        Assert.Equal("[1]", r.Details["failures"]!.ToJsonString());
        Assert.True((bool)r.Details["results"]!["0"]!["valid?"]!);
        Assert.False((bool)r.Details["results"]!["1"]!["valid?"]!);
    }

    [Fact]
    public void Search_past_the_state_bound_is_unknown_with_the_cause()
    {
        // Four timed-out writes of distinct values can be placed in many orders before the read of 9.
        var h = new HistoryBuilder();
        for (var p = 0; p < 4; p++) h.Invoke(p, "write", Kv(0, p + 1));
        for (var p = 0; p < 4; p++) h.Info(p, Kv(0, p + 1));
        h.ReadOk(9, 9);

        var r = Check(h, new LinearizableChecker(maxCachedStatesPerKey: 10));

        Assert.Equal(Validity.Unknown, r.Valid);
        Assert.Equal("[]", r.Details["failures"]!.ToJsonString());
        Assert.Equal("""{"valid?":"unknown","analyzer":"wgl","cause":"more than 10 cached states","placed-ok-ops":0,"ok-ops":1,"op-count":5,"cached-states":11}""",
            Key(r).ToJsonString());
        // With room to explore every order, the same history is decided.
        Assert.Equal(Validity.False, Check(h).Valid);
    }

    [Fact]
    public void Search_past_the_time_limit_is_unknown_with_the_cause()
    {
        var h = new HistoryBuilder().Write(0, 1).ReadOk(1, 1);

        var r = Check(h, new LinearizableChecker(timeLimit: TimeSpan.Zero));

        Assert.Equal(Validity.Unknown, r.Valid);
        Assert.Equal("time limit of 0 s reached", (string)Key(r)["cause"]!);
    }

    [Fact]
    public void Malformed_ops_make_the_verdict_unknown_instead_of_crashing()
    {
        var h = new HistoryBuilder().Write(0, 1)
            .Invoke(1, "cas", Kv(0, 7)).Ok(1, Kv(0, 7))
            .Invoke(2, "write", JsonValue.Create(5)).Ok(2, JsonValue.Create(5));

        var r = Check(h);

        Assert.Equal(Validity.Unknown, r.Valid);
        Assert.Equal("""["write at index 4 has value 5, not [key, value]"]""", r.Details["malformed"]!.ToJsonString());
        Assert.Equal("1 malformed op(s), first: cas at index 2 has value [0,7], not [key, [from, to]]", (string)Key(r)["cause"]!);
    }

    [Fact]
    public void Empty_history_is_valid_with_no_keys()
    {
        var r = Check(new HistoryBuilder());

        Assert.Equal(Validity.True, r.Valid);
        Assert.Equal("""{"results":{},"failures":[]}""", r.Details.ToJsonString());
    }
}
