using System.Globalization;
using System.Text;
using Glomers.Harness.History;

namespace Glomers.Harness.Reports;

/// <summary>The pages `glomers serve` shows besides the reports: the index of a store's runs and two runs side by side.</summary>
public static class StorePages
{
    public static IReadOnlyList<RunEntry> Filter(IReadOnlyList<RunEntry> runs, string? workload, string? verdict) =>
        [.. runs.Where(r => (string.IsNullOrEmpty(workload) || r.Workload == workload) && (string.IsNullOrEmpty(verdict) || r.Verdict.Equals(verdict, StringComparison.OrdinalIgnoreCase)))];

    /// <summary>The link of a run's folder under the server: /runs/&lt;path&gt;/, each segment escaped.</summary>
    public static string RunLink(string path) => "/runs/" + string.Join('/', path.Split('/').Select(Uri.EscapeDataString)) + "/";

    public static string Index(string storeRoot, IReadOnlyList<RunEntry> all, string? workload, string? verdict)
    {
        var runs = Filter(all, workload, verdict);
        var h = new StringBuilder();
        Head(h, "glomers runs");
        h.Append(CultureInfo.InvariantCulture, $"<header><h1>Runs in {Svg.Escape(storeRoot)}</h1><p>{runs.Count} of {all.Count} runs, newest first.</p></header>");
        h.Append("<form class=\"filters\" method=\"get\" action=\"/\">workload <select name=\"workload\" id=\"workload\" onchange=\"this.form.submit()\"><option value=\"\">all</option>");
        foreach (var w in all.Select(r => r.Workload).Distinct().Order(StringComparer.Ordinal))
            h.Append(CultureInfo.InvariantCulture, $"<option{(w == workload ? " selected" : "")}>{Svg.Escape(w)}</option>");
        h.Append("</select> verdict <select name=\"verdict\" id=\"verdict\" onchange=\"this.form.submit()\"><option value=\"\">all</option>");
        foreach (var v in new[] { "valid", "invalid", "unknown" })
            h.Append(CultureInfo.InvariantCulture, $"<option{(v.Equals(verdict, StringComparison.OrdinalIgnoreCase) ? " selected" : "")}>{v}</option>");
        h.Append("</select><noscript><button>filter</button></noscript></form>");
        h.Append("<form method=\"get\" action=\"/compare\" id=\"compare\"><p><button type=\"submit\">compare the two checked runs</button></p>");
        h.Append("<table class=\"runs\" id=\"runs\"><tr><th></th><th>time (UTC)</th><th>workload</th><th>seed</th><th>verdict</th><th>msgs-per-op</th><th>availability</th><th>wall (s)</th><th>report</th><th>files</th></tr>");
        foreach (var r in runs)
        {
            var link = RunLink(r.Path);
            h.Append(CultureInfo.InvariantCulture, $"<tr class=\"run\"><td><input type=\"checkbox\" name=\"run\" value=\"{Svg.Escape(r.Path)}\"></td>");
            h.Append(CultureInfo.InvariantCulture, $"<td>{r.Time:yyyy-MM-dd HH:mm:ss}</td><td>{Svg.Escape(r.Workload)}</td><td>{Svg.Escape(r.Seed ?? "-")}</td>");
            h.Append(CultureInfo.InvariantCulture, $"<td><span class=\"verdict {Page.VerdictClass(r.Verdict)}\">{r.Verdict}</span></td><td>{Cell(r.MsgsPerOp)}</td><td>{Cell(r.Availability)}</td><td>{(r.WallSeconds is { } w ? w.ToString("0.0", CultureInfo.InvariantCulture) : "-")}</td>");
            h.Append(CultureInfo.InvariantCulture, $"<td><a href=\"{link}{RunReport.FileName}\">{(r.HasReport ? "report" : "report (built now)")}</a></td><td><a href=\"{link}\">{Svg.Escape(r.Path)}</a></td></tr>");
        }
        h.Append("</table></form></body></html>");
        return h.ToString();
    }

    /// <summary>A run folder's files, for the link in the index's last column.</summary>
    public static string Folder(string relative, string directory)
    {
        var h = new StringBuilder();
        Head(h, relative);
        h.Append(CultureInfo.InvariantCulture, $"<header><h1>{Svg.Escape(relative)}</h1><nav><a href=\"/\">all runs</a> <a href=\"{RunReport.FileName}\">report</a></nav></header><ul class=\"files\">");
        foreach (var entry in Directory.EnumerateFileSystemEntries(directory).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(entry);
            var isDir = Directory.Exists(entry);
            h.Append(CultureInfo.InvariantCulture, $"<li><a href=\"{Uri.EscapeDataString(name)}{(isDir ? "/" : "")}\">{Svg.Escape(name)}{(isDir ? "/" : "")}</a>{(isDir ? "" : $" ({new FileInfo(entry).Length:N0} bytes)")}</li>");
        }
        return h.Append("</ul></body></html>").ToString();
    }

    /// <summary>Two runs side by side: their key figures in one table, then their latency plots next to each other.</summary>
    public static string Compare(IReadOnlyList<(RunEntry Entry, RunFolder Folder)> runs)
    {
        var h = new StringBuilder();
        Head(h, "compare runs");
        h.Append("<header><h1>Two runs side by side</h1><nav><a href=\"/\">all runs</a></nav></header>");
        h.Append("<table class=\"figures\" id=\"compare-figures\"><tr><th></th>");
        foreach (var (e, _) in runs) h.Append(CultureInfo.InvariantCulture, $"<th><a href=\"{RunLink(e.Path)}{RunReport.FileName}\">{Svg.Escape(e.Path)}</a></th>");
        h.Append("</tr>");
        var timed = runs.Select(r => TimedOp.From(r.Folder.History)).ToList();
        void Row(string name, Func<int, string> cell)
        {
            h.Append(CultureInfo.InvariantCulture, $"<tr><th>{Svg.Escape(name)}</th>");
            for (var i = 0; i < runs.Count; i++) h.Append(CultureInfo.InvariantCulture, $"<td>{Svg.Escape(cell(i))}</td>");
            h.Append("</tr>");
        }
        Row("workload", i => runs[i].Entry.Workload);
        Row("seed", i => runs[i].Entry.Seed ?? "-");
        Row("verdict", i => runs[i].Entry.Verdict);
        Row("msgs-per-op", i => Cell(runs[i].Entry.MsgsPerOp));
        Row("availability", i => Cell(runs[i].Entry.Availability));
        Row("wall (s)", i => runs[i].Entry.WallSeconds is { } w ? w.ToString("0.0", CultureInfo.InvariantCulture) : "-");
        Row("operations", i => $"{timed[i].Count}: {timed[i].Count(o => o.Outcome == OpType.Ok)} ok, {timed[i].Count(o => o.Outcome == OpType.Fail)} fail, {timed[i].Count(o => o.Outcome == OpType.Info)} info");
        foreach (var q in RunCharts.Quantiles)
        {
            Row($"ok latency {(q == 1 ? "max" : "q" + q.ToString(CultureInfo.InvariantCulture))} (ms)", i =>
            {
                var l = timed[i].Where(o => o.Outcome == OpType.Ok).Select(o => o.LatencyMs).Order().ToArray();
                return l.Length == 0 ? "-" : RunCharts.Quantile(l, q).ToString("0.###", CultureInfo.InvariantCulture);
            });
        }
        Row("stable latency median / max (ms)", i => runs[i].Folder.Results?["workload"]?["stable-latencies"] is { } s ? $"{Summary.FormatNumber(s["0.5"]) ?? "-"} / {Summary.FormatNumber(s["1"]) ?? "-"}" : "-");
        h.Append("</table>");
        foreach (var (title, plot) in new (string, Func<IReadOnlyList<TimedOp>, IReadOnlyList<NemesisPeriod>, double, string>)[]
                 { ("Latency of every operation", RunCharts.LatencyRaw), ("Latency quantiles", RunCharts.LatencyQuantiles), ("Rate", RunCharts.Rate) })
        {
            h.Append(CultureInfo.InvariantCulture, $"<h2>{title}</h2><div class=\"side\">");
            for (var i = 0; i < runs.Count; i++)
            {
                var history = runs[i].Folder.History;
                var end = history.Count == 0 ? 0 : history.Max(o => o.Time);
                h.Append(CultureInfo.InvariantCulture, $"<div><h3>{Svg.Escape(runs[i].Entry.Path)}</h3>{plot(timed[i], NemesisPeriod.From(history, end), Math.Max(end / 1e9, 0.001))}</div>");
            }
            h.Append("</div>");
        }
        return h.Append("</body></html>").ToString();
    }

    private static void Head(StringBuilder h, string title)
    {
        h.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">");
        h.Append(CultureInfo.InvariantCulture, $"<title>{Svg.Escape(title)}</title><style>{Page.Css}</style></head><body>");
    }

    private static string Cell(double? v) => v is { } d ? Svg.Number(d) : "-";
}
