using System.Net;
using System.Net.Sockets;
using System.Text;
using Glomers.Harness.Cli;
using Glomers.Harness.Core;
using Glomers.Harness.Reports;

namespace Glomers.Harness.Tests.Reports;

public class ServeTests
{
    /// <summary>A store with two runs of ours (broadcast valid, older; g-counter invalid, newer) and one of Maelstrom's with no report yet.</summary>
    internal static TempFolder MakeStore()
    {
        var store = new TempFolder();
        Run(store, "broadcast", "20261201T100000.000", """{"valid?": true, "net": {"servers": {"msgs-per-op": 2.5}}, "availability": {"ok-fraction": 1}}""", seed: 11);
        Run(store, "g-counter", "20261201T110000.000", """{"valid?": false, "net": {"servers": {"msgs-per-op": 0.5}}}""", seed: 12);
        RunReportTests.CopyFixture("3c", store, "broadcast", "20261130T090000.000Z");
        return store;
    }

    private static void Run(string store, string workload, string stamp, string results, long seed)
    {
        var dir = Path.Combine(store, workload, stamp);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "results.json"), results);
        File.WriteAllText(Path.Combine(dir, "options.json"), $$"""{"workload": "{{workload}}", "seed": {{seed}}}""");
        File.WriteAllText(Path.Combine(dir, "history.jsonl"),
            "{\"index\":0,\"time\":0,\"type\":\"invoke\",\"process\":0,\"f\":\"read\",\"value\":null}\n{\"index\":1,\"time\":2000000,\"type\":\"ok\",\"process\":0,\"f\":\"read\",\"value\":[]}\n");
        File.WriteAllText(Path.Combine(dir, RunIndex.RunInfoFile), """{"wall-seconds": 3.25}""");
        RunReport.Write(dir, FlowWindow.Default);
    }

    [Fact]
    public void The_index_lists_runs_newest_first_with_their_figures()
    {
        using var store = MakeStore();
        File.CreateSymbolicLink(Path.Combine(store, "latest"), "g-counter/20261201T110000.000");
        var runs = new RunIndex(store).List();
        Assert.Equal(
            [
                new RunEntry("g-counter/20261201T110000.000", "g-counter", new DateTimeOffset(2026, 12, 1, 11, 0, 0, TimeSpan.Zero), "12", "INVALID", 0.5, null, 3.25, true),
                new RunEntry("broadcast/20261201T100000.000", "broadcast", new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero), "11", "valid", 2.5, 1, 3.25, true),
            ],
            runs.Take(2));
        Assert.Equal(("broadcast/20261130T090000.000Z", "valid", false), (runs[2].Path, runs[2].Verdict, runs[2].HasReport));
        Assert.Equal(3, runs.Count);
        Assert.Equal(["broadcast/20261201T100000.000", "broadcast/20261130T090000.000Z"], StorePages.Filter(runs, "broadcast", null).Select(r => r.Path));
        Assert.Equal(["g-counter/20261201T110000.000"], StorePages.Filter(runs, null, "invalid").Select(r => r.Path));
    }

    [Theory]
    [InlineData("../etc/passwd")]
    [InlineData("broadcast/../../x")]
    [InlineData("a\\..\\..\\b")]
    public void A_path_that_leaves_the_store_does_not_resolve(string path)
    {
        using var store = MakeStore();
        Assert.Null(ServeCommand.Resolve(store, path));
    }

    [Fact]
    public void A_link_inside_the_store_that_points_out_of_it_does_not_resolve()
    {
        using var store = MakeStore();
        File.CreateSymbolicLink(Path.Combine(store, "out"), Path.GetTempPath());
        File.CreateSymbolicLink(Path.Combine(store, "in"), "broadcast");
        Assert.Null(ServeCommand.Resolve(store, "out"));
        Assert.Equal(Path.Combine(store.Path, "in", "20261201T100000.000"), ServeCommand.Resolve(store, "in/20261201T100000.000"));
    }

    [Fact]
    public async Task The_server_lists_filters_serves_files_builds_missing_reports_compares_and_refuses_escapes()
    {
        using var store = MakeStore();
        await using var app = ServeCommand.Start(store, IPAddress.Loopback, 0);
        var address = new Uri(ServeCommand.Address(app));
        Assert.Equal("127.0.0.1", address.Host);
        using var http = new HttpClient { BaseAddress = address };

        var index = await http.GetStringAsync("/");
        Assert.Equal(3, CountOf(index, "<tr class=\"run\">"));
        Assert.True(index.IndexOf("g-counter/20261201T110000.000", StringComparison.Ordinal) < index.IndexOf("broadcast/20261201T100000.000", StringComparison.Ordinal));
        Assert.Equal(1, CountOf(await http.GetStringAsync("/?verdict=invalid"), "<tr class=\"run\">"));
        Assert.Equal(2, CountOf(await http.GetStringAsync("/?workload=broadcast"), "<tr class=\"run\">"));

        Assert.Equal("""{"valid?": true, "net": {"servers": {"msgs-per-op": 2.5}}, "availability": {"ok-fraction": 1}}""",
            await http.GetStringAsync("/runs/broadcast/20261201T100000.000/results.json"));
        var built = await http.GetAsync("/runs/broadcast/20261130T090000.000Z/report.html");
        Assert.Equal(HttpStatusCode.OK, built.StatusCode);
        Assert.Contains("A run of Maelstrom", await built.Content.ReadAsStringAsync());
        Assert.Contains("results.edn.gz", await http.GetStringAsync("/runs/broadcast/20261130T090000.000Z/"));

        var compare = await http.GetStringAsync("/compare?run=broadcast/20261201T100000.000&run=g-counter/20261201T110000.000");
        Assert.Contains("id=\"compare-figures\"", compare);
        Assert.Equal(2, CountOf(compare, "<svg class=\"plot latency-raw\""));
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/compare?run=../x&run=broadcast/20261201T100000.000")).StatusCode);

        // Raw requests, as a client that does not clean up the path would send them.
        foreach (var path in new[] { "/runs/../../../etc/passwd", "/runs/%2e%2e/%2e%2e/etc/passwd", "/runs/..%2f..%2fetc%2fpasswd", "/runs/broadcast/nothing-here" })
            Assert.Equal(404, await RawStatus(address, path));
    }

    private static int CountOf(string text, string part)
    {
        var n = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal)) n++;
        return n;
    }

    private static async Task<int> RawStatus(Uri address, string path)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port);
        await using var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: {address.Host}\r\nConnection: close\r\n\r\n"));
        using var reader = new StreamReader(stream, Encoding.ASCII);
        var status = await reader.ReadLineAsync() ?? "";
        return int.Parse(status.Split(' ')[1]);
    }

    [Fact]
    public void Serve_refuses_a_missing_store_and_a_bad_port()
    {
        Assert.Contains("no such folder", Assert.Throws<BenchException>(() => ServeCommand.Parse(["--store", "/nonexistent/store"])).Message);
        Assert.Contains("must be a port number", Assert.Throws<BenchException>(() => ServeCommand.Parse(["--store", ".", "--port", "70000"])).Message);
    }
}
