using System.Net;
using System.Text.RegularExpressions;
using Glomers.Harness.Cli;
using Glomers.Harness.Reports;
using Glomers.Harness.Tests.Sim;

namespace Glomers.Harness.Tests.Reports;

/// <summary>`glomers serve` on a free loopback port, its pages loaded in headless Chromium: the plots and the flow diagram render, and nothing goes to the console.</summary>
public class BrowserTests
{
    [Fact]
    public async Task The_index_and_a_report_render_in_chromium_without_console_errors()
    {
        using var store = ServeTests.MakeStore();
        var run = SimBench.Execute(SimBench.Options("broadcast", "FloodBroadcast", "sim", 5,
            "--node-count", "5", "--time-limit", "4", "--rate", "20", "--latency", "10", "--nemesis", "partition", "--nemesis-interval", "1",
            "--recovery-time", "5", "--store", store.Path));
        await using var app = ServeCommand.Start(store, IPAddress.Loopback, 0);
        var address = ServeCommand.Address(app);
        var runPath = Path.GetRelativePath(store.Path, run.Directory).Replace('\\', '/');

        // Chromium runs beside the server, which answers on the thread pool meanwhile.
        var index = await Task.Run(() => HeadlessChromium.DumpDom(address + "/"));
        Assert.Empty(index.Console);
        Assert.Equal(4, Regex.Matches(index.Dom, "<tr class=\"run\">").Count);
        Assert.Contains($"href=\"/runs/{runPath}/report.html\"", index.Dom);

        var report = await Task.Run(() => HeadlessChromium.DumpDom($"{address}/runs/{runPath}/report.html"));
        Assert.Empty(report.Console);
        Assert.Contains("id=\"verdict\">valid</span>", report.Dom);
        Assert.Matches("<svg class=\"plot latency-raw\"[^>]*>.*<path class=\"pts\"", report.Dom);
        Assert.Matches("<svg class=\"plot latency-quantiles\"[^>]*>.*<polyline class=\"series\"", report.Dom);
        Assert.Matches("<svg class=\"plot rate\"[^>]*>.*<polyline class=\"series\"", report.Dom);
        Assert.Matches("<rect class=\"nemesis\"", report.Dom);
        Assert.True(Regex.Matches(report.Dom, "<line class=\"t\\d+( dropped)?\"").Count > 50, "the flow diagram draws the window's messages");
        Assert.True(Regex.Matches(report.Dom, "<rect class=\"op (ok|fail|info)\"").Count > 10, "the timeline draws the window's operations");

        var compare = await Task.Run(() => HeadlessChromium.DumpDom($"{address}/compare?run={runPath}&run=broadcast/20261201T100000.000"));
        Assert.Empty(compare.Console);
        Assert.Equal(2, Regex.Matches(compare.Dom, "<svg class=\"plot latency-quantiles\"").Count);

        using var shots = new TempFolder();
        foreach (var (name, url) in new[] { ("serve.png", address + "/"), ("report.png", $"{address}/runs/{runPath}/report.html") })
        {
            var png = Path.Combine(shots, name);
            var shot = await Task.Run(() => HeadlessChromium.Screenshot(url, png, 1280, 1400));
            Assert.Empty(shot.Console);
            var bytes = File.ReadAllBytes(png);
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
            Assert.True(bytes.Length > 20_000, $"{name} holds a rendered page ({bytes.Length} bytes)");
        }
    }

    [Fact]
    public void A_report_opened_as_a_file_loads_nothing_from_anywhere()
    {
        using var store = new TempFolder();
        var run = SimBench.Execute(SimBench.Options("broadcast", "FloodBroadcast", "sim", 9,
            "--node-count", "3", "--time-limit", "2", "--rate", "10", "--recovery-time", "0", "--store", store));
        var page = HeadlessChromium.DumpDom(new Uri(Path.Combine(run.Directory, RunReport.FileName)).AbsoluteUri);
        // A request blocked by the page's policy would be a console error; there is none, and the flow diagram is drawn.
        Assert.Empty(page.Console);
        Assert.Contains("<svg class=\"flow\"", page.Dom);
    }
}
