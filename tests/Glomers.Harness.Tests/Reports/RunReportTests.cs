using System.Text.RegularExpressions;
using Glomers.Harness.Core;
using Glomers.Harness.Reports;
using Glomers.Harness.Tests.Fixtures;
using Glomers.Harness.Tests.Sim;

namespace Glomers.Harness.Tests.Reports;

public class RunReportTests
{
    [Fact]
    public void Every_test_run_leaves_a_self_contained_report_with_plots_flow_and_timeline()
    {
        using var store = new TempFolder();
        var run = SimBench.Execute(SimBench.Options("broadcast", "FloodBroadcast", "sim", 7,
            "--node-count", "5", "--time-limit", "4", "--rate", "20", "--latency", "10", "--nemesis", "partition", "--nemesis-interval", "1", "--recovery-time", "5",
            "--store", store));
        var html = File.ReadAllText(Path.Combine(run.Directory, RunReport.FileName));
        Assert.Contains("<span class=\"verdict valid\" id=\"verdict\">valid</span>", html);
        Assert.Contains("class=\"plot latency-raw\"", html);
        Assert.Contains("class=\"plot latency-quantiles\"", html);
        Assert.Contains("class=\"plot rate\"", html);
        Assert.Contains("class=\"nemesis\"", html);
        Assert.Contains("<svg class=\"flow\"", html);
        Assert.Contains("<svg class=\"timeline\"", html);
        Assert.Matches("<line class=\"t\\d+\"[^>]*><title>n\\d+ → n\\d+ at ", html);
        Assert.Matches("<rect class=\"op ok\"", html);
        // Nothing leaves the page: no external resource, and a policy that would refuse one.
        Assert.DoesNotMatch("(src|href)=\"(https?:)?//", html);
        Assert.Contains("default-src 'none'", html);
        Assert.True(File.Exists(Path.Combine(run.Directory, RunIndex.RunInfoFile)));
        Assert.NotNull(RunIndex.WallSeconds(run.Directory));
    }

    [Fact]
    public void The_report_command_rebuilds_an_old_run_with_the_window_asked_for()
    {
        using var store = new TempFolder();
        var run = SimBench.Execute(SimBench.Options("broadcast", "FloodBroadcast", "sim", 3,
            "--node-count", "3", "--time-limit", "3", "--rate", "10", "--recovery-time", "0", "--store", store));
        var report = Path.Combine(run.Directory, RunReport.FileName);
        File.Delete(report);
        File.Delete(Path.Combine(run.Directory, "options.json"));
        var output = new StringWriter();
        Assert.Equal(0, Harness.Cli.ReportCommand.Run([run.Directory, "--flow-window", "1-1.5"], output));
        Assert.StartsWith($"Report in {report} (", output.ToString());
        var html = File.ReadAllText(report);
        Assert.Contains("Message flow, 1–1.5 s", html);
        var sent = int.Parse(Regex.Match(html, "<p>(\\d+) messages sent in the window").Groups[1].Value);
        var inWindow = File.ReadLines(Path.Combine(run.Directory, "messages.jsonl"))
            .Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement)
            .Count(e => e.GetProperty("event").GetString() == "send" && e.GetProperty("time").GetInt64() is >= 1_000_000_000 and <= 1_500_000_000);
        Assert.Equal(inWindow, sent);
        Assert.Equal(Math.Min(sent, MessageWindow.MaxMessages), Regex.Matches(html, "<line class=\"t\\d+").Count);
    }

    [Fact]
    public void A_Maelstrom_run_gets_a_report_with_its_anomalies_and_links_into_the_history()
    {
        using var store = new TempFolder();
        var dir = CopyFixture("txn_dirty", store);
        Harness.Cli.ReportCommand.Run([dir], TextWriter.Null);
        var html = File.ReadAllText(Path.Combine(dir, RunReport.FileName));
        Assert.Contains("<span class=\"verdict invalid\" id=\"verdict\">INVALID</span>", html);
        Assert.Contains("A run of Maelstrom", html);
        Assert.Contains("<h3>workload <span class=\"verdict invalid\">INVALID</span></h3>", html);
        Assert.Contains("G1a", html);
        // Every op the anomalies link to is a row of the history excerpt.
        var links = Regex.Matches(html, "href=\"#op-(\\d+)\"").Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.NotEmpty(links);
        foreach (var i in links) Assert.Contains($"<tr id=\"op-{i}\"", html);
        Assert.Contains("has no messages.jsonl", html);
    }

    [Fact]
    public void A_folder_with_a_broken_history_still_gets_a_report_that_names_the_problem()
    {
        using var folder = new TempFolder();
        var dir = folder.Path;
        File.WriteAllText(Path.Combine(dir, "results.json"), """{"valid?": true}""");
        File.WriteAllText(Path.Combine(dir, "history.jsonl"), "{\"index\":0,\"time\":0,\"type\":\"invoke\",\"process\":0,\"f\":\"read\"}\n{broken\n");
        var html = File.ReadAllText(RunReport.Write(dir, FlowWindow.Default));
        Assert.Contains("<p class=\"problem\">" + Path.Combine(dir, "history.jsonl") + ", line 2: not JSON", html);
        Assert.Contains("No client operations in the history.", html);
    }

    [Fact]
    public void A_folder_that_is_not_a_run_is_refused_with_a_message()
    {
        using var dir = new TempFolder();
        var e = Assert.Throws<BenchException>(() => Harness.Cli.ReportCommand.Run([dir.Path], TextWriter.Null));
        Assert.Contains("not a run folder", e.Message);
        Assert.Contains("takes a run folder", Assert.Throws<BenchException>(() => Harness.Cli.ReportCommand.Run([], TextWriter.Null)).Message);
    }

    /// <summary>A fixture copied into a store-like folder (the fixtures are read-only), as Maelstrom would have stored it.</summary>
    internal static string CopyFixture(string name, string store, string workload = "maelstrom", string stamp = "20261201T120000.000Z")
    {
        var dir = Path.Combine(store, workload, stamp);
        Directory.CreateDirectory(dir);
        foreach (var f in Directory.GetFiles(Path.Combine(MaelstromFixture.Root, name)))
        {
            var to = Path.Combine(dir, Path.GetFileName(f));
            File.Copy(f, to);
            File.SetAttributes(to, FileAttributes.Normal);
        }
        return dir;
    }
}
