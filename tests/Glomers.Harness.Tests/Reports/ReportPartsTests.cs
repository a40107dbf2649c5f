using System.Text.Json.Nodes;
using Glomers.Harness.Core;
using Glomers.Harness.History;
using Glomers.Harness.Reports;
using Glomers.Harness.Tests.Checkers;

namespace Glomers.Harness.Tests.Reports;

public class ReportPartsTests
{
    [Fact]
    public void Nemesis_periods_pair_each_start_with_its_stop_and_a_fault_left_on_lasts_to_the_end()
    {
        var h = new HistoryBuilder()
            .At(1000).Nemesis("start-partition").Nemesis("start-partition")
            .At(3000).Nemesis("stop-partition").Nemesis("stop-partition")
            .At(4000).Nemesis("pause")
            .At(5000).Nemesis("start-partition")
            .At(6000).Nemesis("resume")
            .At(9000).Done(0, "read", null);
        var periods = NemesisPeriod.From(h.Ops, end: 9_000_000_000);
        Assert.Equal(
            [new NemesisPeriod("partition", 1_000_000_000, 3_000_000_000), new NemesisPeriod("pause", 4_000_000_000, 6_000_000_000), new NemesisPeriod("partition", 5_000_000_000, 9_000_000_000)],
            periods);
    }

    [Fact]
    public void Anomalies_name_the_failing_checkers_and_the_ops_they_quote_or_lost_values_point_to()
    {
        var h = new HistoryBuilder().Done(0, "broadcast", 7).Done(1, "broadcast", 8).Read(0, 8);
        var results = JsonNode.Parse("""
            {"valid?": false,
             "workload": {"valid?": false, "lost-count": 1, "lost": [7], "never-read": []},
             "stats": {"valid?": true, "count": 3},
             "txn": {"valid?": "unknown", "cycle": [{"index": 3, "type": "ok", "f": "broadcast", "value": 8}, {"index": 5, "type": "ok", "f": "read"}]}}
            """)!.AsObject();
        var found = Anomalies.Find(results, h.Ops);
        Assert.Equal(["workload", "txn"], found.Select(a => a.Checker));
        Assert.Equal("INVALID", found[0].Verdict);
        Assert.Equal([0L], found[0].OpIndexes);
        Assert.Contains("lost-count: 1", found[0].Lines);
        Assert.Contains("lost: 1 item [7]", found[0].Lines);
        Assert.Equal("unknown", found[1].Verdict);
        Assert.Equal([3L, 5L], found[1].OpIndexes);
    }

    [Fact]
    public void Errors_group_failed_and_unknown_ops_by_outcome_function_and_error()
    {
        var h = new HistoryBuilder()
            .Invoke(0, "send").Fail(0, null, "[temporarily-unavailable, later]")
            .Invoke(1, "send").Info(1, null, "net-timeout")
            .Invoke(2, "send").Fail(2, null, "[temporarily-unavailable, later]")
            .Done(3, "poll", null);
        var errors = Anomalies.Errors(h.Ops);
        Assert.Equal(2, errors.Count);
        Assert.Equal(("fail send: [temporarily-unavailable, later]", 2), (errors[0].Error, errors[0].Count));
        Assert.Equal([1L, 5L], errors[0].Examples);
        Assert.Equal(("info send: net-timeout", 1), (errors[1].Error, errors[1].Count));
    }

    [Theory]
    [InlineData("0-2", 0, 2)]
    [InlineData("5.5-7", 5.5, 7)]
    public void A_flow_window_reads_start_and_end_seconds(string text, double start, double end) =>
        Assert.Equal(new FlowWindow(start, end), FlowWindow.Parse(text));

    [Theory]
    [InlineData("2-1")]
    [InlineData("2")]
    [InlineData("a-b")]
    [InlineData("-1-2")]
    public void A_bad_flow_window_is_refused_naming_the_flag(string text) =>
        Assert.StartsWith("--flow-window:", Assert.Throws<BenchException>(() => FlowWindow.Parse(text)).Message);

    [Fact]
    public void The_message_window_keeps_sends_inside_it_with_their_receive_or_drop_and_their_body()
    {
        var path = Path.GetTempFileName();
        File.WriteAllLines(path,
        [
            """{"time":100,"event":"send","id":0,"src":"c0","dest":"n0","body":{"type":"init","msg_id":1}}""",
            """{"time":1000000000,"event":"send","id":1,"src":"n0","dest":"n1","body":{"type":"gossip","values":[1,2]}}""",
            """{"time":1000000100,"event":"recv","id":0,"src":"c0","dest":"n0"}""",
            """{"time":1200000000,"event":"send","id":2,"src":"n1","dest":"n0","body":{"type":"gossip"}}""",
            """{"time":1300000000,"event":"recv","id":1,"src":"n0","dest":"n1"}""",
            """{"time":1400000000,"event":"drop","id":2,"src":"n1","dest":"n0"}""",
            """{"time":2500000000,"event":"send","id":3,"src":"n0","dest":"n1","body":{"type":"gossip"}}""",
        ]);
        var result = MessageWindow.Read(path, new FlowWindow(0.5, 2));
        File.Delete(path);
        Assert.Null(result.Problem);
        Assert.Equal(2, result.SentInWindow);
        Assert.Equal(
            [
                new FlowMessage(1, "n0", "n1", 1_000_000_000, 1_300_000_000, false, "gossip", """{"type":"gossip","values":[1,2]}"""),
                new FlowMessage(2, "n1", "n0", 1_200_000_000, 1_400_000_000, true, "gossip", """{"type":"gossip"}"""),
            ],
            result.Messages);
    }

    [Fact]
    public void A_broken_message_log_line_stops_the_window_with_a_problem_not_an_exception()
    {
        var path = Path.GetTempFileName();
        File.WriteAllLines(path, ["""{"time":1,"event":"send","id":0,"src":"n0","dest":"n1","body":{"type":"a"}}""", "{not json"]);
        var result = MessageWindow.Read(path, FlowWindow.Default);
        File.Delete(path);
        Assert.Single(result.Messages);
        Assert.StartsWith("messages.jsonl, line 2: not a message log line", result.Problem);
    }

    [Fact]
    public void Flow_columns_put_nodes_in_numeric_order_then_services_then_one_line_for_clients()
    {
        FlowMessage M(string src, string dest) => new(0, src, dest, 0, 1, false, "t", "{}");
        Assert.Equal(["n2", "n10", "lin-kv", FlowDiagram.ClientsColumn], FlowDiagram.Columns([M("c4", "n10"), M("n10", "lin-kv"), M("n2", "c17")]));
    }

    [Fact]
    public void The_progress_line_counts_ops_by_outcome_and_names_the_faults_on()
    {
        var progress = new RunProgress(30);
        Assert.Equal("starting the nodes...", progress.Line());
        var h = new HistoryBuilder().At(500).Nemesis("start-partition").Invoke(0, "read").Ok(0).Invoke(1, "add").Info(1).Invoke(2, "add").At(12_800).Fail(2);
        foreach (var op in h.Ops) progress.Observe(op, 1234);
        Assert.Equal("  12.3/30 s  ops 3  ok 1  fail 1  info 1  msgs 1234  nemesis partition", progress.Line());
        progress.Observe(new Op(9, 13_000_000_000, OpType.Info, Op.NemesisProcess, "stop-partition", null), 1300);
        Assert.EndsWith("msgs 1300  nemesis -", progress.Line());
    }

    [Fact]
    public void A_quantile_is_the_value_at_floor_q_times_n_minus_1()
    {
        double[] sorted = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        Assert.Equal([5, 9, 9, 10], RunCharts.Quantiles.Select(q => RunCharts.Quantile(sorted, q)));
    }
}
