using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Glomers.Harness.History;

namespace Glomers.Harness.Reports;

/// <summary>
/// report.html of one run folder: the verdict, the key figures, every anomaly and error with the ops
/// involved, the latency and rate plots, the message flow and the process timeline of a window, and
/// the files. One file, its styles, plots and script inline: it opens offline and loads nothing.
/// </summary>
public static class RunReport
{
    public const string FileName = "report.html";

    /// <summary>Rebuilds report.html in <paramref name="directory"/> from what the folder holds; returns its path.</summary>
    public static string Write(string directory, FlowWindow? window) => Write(RunFolder.Load(directory), window);

    public static string Write(RunFolder folder, FlowWindow? window)
    {
        var path = Path.Combine(folder.Directory, FileName);
        File.WriteAllText(path, Build(folder, window), new UTF8Encoding(false));
        return path;
    }

    /// <param name="requested">The flow diagram's and timeline's seconds; null for <see cref="FlowWindow.FirstSeconds"/>.</param>
    public static string Build(RunFolder run, FlowWindow? requested)
    {
        var history = run.History;
        var window = requested ?? FlowWindow.FirstSeconds(history);
        var ops = TimedOp.From(history);
        var end = history.Count == 0 ? 0 : history.Max(o => o.Time);
        var nemesis = NemesisPeriod.From(history, end);
        var endSeconds = Math.Max(end / 1e9, 0.001);
        var results = run.Results;
        var workload = run.Options?["workload"]?.ToString() ?? Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(run.Directory).TrimEnd('/')) ?? "") ?? "run";
        var verdict = results is null ? "unknown" : Anomalies.Verdict(results["valid?"]);
        var anomalies = Anomalies.Find(results, history);
        var errors = Anomalies.Errors(history);

        var h = new StringBuilder();
        h.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">");
        h.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">");
        h.Append(CultureInfo.InvariantCulture, $"<title>{Svg.Escape(workload)} {Svg.Escape(Path.GetFileName(Path.GetFullPath(run.Directory).TrimEnd('/')))}: {verdict}</title>");
        h.Append("<style>").Append(Page.Css).Append("</style></head><body>");
        h.Append(CultureInfo.InvariantCulture, $"<header><h1>{Svg.Escape(workload)} <span class=\"verdict {Page.VerdictClass(verdict)}\" id=\"verdict\">{verdict}</span></h1>");
        h.Append(CultureInfo.InvariantCulture, $"<p class=\"dir\">{Svg.Escape(Path.GetFullPath(run.Directory))}</p>");
        if (run.Options?["command"] is { } command) h.Append(CultureInfo.InvariantCulture, $"<pre class=\"command\">{Svg.Escape(command.ToString())}</pre>");
        else if (run.HistoryFile?.StartsWith("history.edn", StringComparison.Ordinal) == true) h.Append("<p>A run of Maelstrom: the report shows what its history and results allow.</p>");
        h.Append("<nav><a href=\"#figures\">figures</a> <a href=\"#anomalies\">anomalies and errors</a> <a href=\"#plots\">plots</a> <a href=\"#flow\">message flow</a> <a href=\"#timeline\">timeline</a> <a href=\"#history\">history</a> <a href=\"#files\">files</a></nav></header>");
        foreach (var p in run.Problems) h.Append(CultureInfo.InvariantCulture, $"<p class=\"problem\">{Svg.Escape(p)}</p>");

        h.Append("<section id=\"figures\"><h2>Key figures</h2>").Append(Figures(results, ops, run)).Append("</section>");

        var involved = new SortedSet<long>(anomalies.SelectMany(a => a.OpIndexes).Concat(errors.SelectMany(e => e.Examples)));
        h.Append("<section id=\"anomalies\"><h2>Anomalies and errors</h2>");
        if (anomalies.Count == 0 && errors.Count == 0) h.Append("<p>No checker found an anomaly and every operation completed ok.</p>");
        foreach (var a in anomalies)
        {
            h.Append(CultureInfo.InvariantCulture, $"<div class=\"anomaly\"><h3>{Svg.Escape(a.Checker)} <span class=\"verdict {Page.VerdictClass(a.Verdict)}\">{a.Verdict}</span></h3><ul>");
            foreach (var line in a.Lines) h.Append(CultureInfo.InvariantCulture, $"<li>{Svg.Escape(line)}</li>");
            h.Append("</ul>");
            if (a.OpIndexes.Count > 0) h.Append("<p>Operations involved: ").Append(OpLinks(a.OpIndexes, 200)).Append("</p>");
            h.Append(CultureInfo.InvariantCulture, $"<details><summary>what the checker reported</summary><pre>{Svg.Escape(a.Json)}</pre></details></div>");
        }
        if (errors.Count > 0)
        {
            h.Append("<h3>Operations that failed or are unknown</h3><table class=\"errors\"><tr><th>outcome, function and error</th><th>count</th><th>first ops</th></tr>");
            foreach (var (error, count, examples) in errors)
                h.Append(CultureInfo.InvariantCulture, $"<tr><td>{Svg.Escape(error)}</td><td>{count}</td><td>{OpLinks(examples, 10)}</td></tr>");
            h.Append("</table>");
        }
        h.Append("</section>");

        h.Append("<section id=\"plots\"><h2>Latency and rate</h2>");
        if (ops.Count == 0) h.Append("<p>No client operations in the history.</p>");
        else
        {
            h.Append("<h3>Latency of every operation</h3>").Append(RunCharts.LatencyRaw(ops, nemesis, endSeconds));
            h.Append("<h3>Latency quantiles (ok operations)</h3>").Append(RunCharts.LatencyQuantiles(ops, nemesis, endSeconds));
            h.Append("<h3>Rate of completed operations</h3>").Append(RunCharts.Rate(ops, nemesis, endSeconds));
        }
        if (nemesis.Count > 0)
            h.Append("<p class=\"small\">Shaded: ").Append(string.Join("; ", nemesis.Select(p => $"{Svg.Escape(p.Fault)} {p.Start / 1e9:0.###}–{p.End / 1e9:0.###} s"))).Append("</p>");
        h.Append("</section>");

        h.Append(CultureInfo.InvariantCulture, $"<section id=\"flow\"><h2>Message flow, {window}</h2>");
        if (run.MessagesPath is { } messagesPath)
        {
            var flow = MessageWindow.Read(messagesPath, window);
            if (flow.Problem is { } problem) h.Append(CultureInfo.InvariantCulture, $"<p class=\"problem\">{Svg.Escape(problem)}</p>");
            h.Append(CultureInfo.InvariantCulture, $"<p>{flow.SentInWindow} messages sent in the window");
            if (flow.SentInWindow > flow.Messages.Count) h.Append(CultureInfo.InvariantCulture, $", the first {flow.Messages.Count} drawn (choose a shorter window with <code>glomers report DIR --flow-window START-END</code>)");
            h.Append(". Hover over an arrow for its body; dashed arrows were dropped.</p>");
            h.Append(FlowDiagram.Render(flow.Messages, window));
            h.Append("<pre id=\"flow-body\" class=\"flow-body\">hover over a message</pre>");
        }
        else h.Append("<p>This run folder has no messages.jsonl (Maelstrom keeps its messages in its own logs), so there is no message flow.</p>");
        h.Append("</section>");

        h.Append(CultureInfo.InvariantCulture, $"<section id=\"timeline\"><h2>Operations by process, {window}</h2>");
        h.Append(ProcessTimeline.Render(ops, nemesis, window, end));
        h.Append("<p class=\"small\"><span class=\"key\"><i class=\"ok\"></i>ok</span> <span class=\"key\"><i class=\"fail\"></i>fail</span> <span class=\"key\"><i class=\"info\"></i>info</span> Hover over a bar for the operation.</p></section>");

        h.Append("<section id=\"history\"><h2>History around the anomalies and errors</h2>").Append(HistoryExcerpt(history, ops, involved)).Append("</section>");
        h.Append("<section id=\"files\"><h2>Files</h2>").Append(Files(run.Directory)).Append("</section>");
        h.Append("<script>").Append(Page.FlowScript).Append("</script></body></html>");
        return h.ToString();
    }

    private static string Figures(JsonObject? results, IReadOnlyList<TimedOp> ops, RunFolder run)
    {
        var rows = new List<(string, string)>();
        if (results?["aborted"] is { } aborted) rows.Add(("aborted", aborted.ToString()));
        var counts = ops.GroupBy(o => o.Outcome).ToDictionary(g => g.Key, g => g.Count());
        rows.Add(("operations", $"{ops.Count}: {counts.GetValueOrDefault(OpType.Ok)} ok, {counts.GetValueOrDefault(OpType.Fail)} fail, {counts.GetValueOrDefault(OpType.Info)} info"));
        var availability = results?["availability"]?["ok-fraction"];
        rows.Add(("availability (ok fraction)", Summary.FormatNumber(availability) ?? (ops.Count == 0 ? "-" : Svg.Number((double)counts.GetValueOrDefault(OpType.Ok) / ops.Count))));
        if (results?["net"] is JsonObject net)
        {
            rows.Add(("msgs-per-op (servers)", Summary.FormatNumber(net["servers"]?["msgs-per-op"]) ?? "-"));
            rows.Add(("msgs-per-op (all)", Summary.FormatNumber(net["all"]?["msgs-per-op"]) ?? "-"));
            rows.Add(("messages (servers)", Summary.FormatNumber(net["servers"]?["msg-count"]) ?? "-"));
        }
        if (results?["workload"]?["stable-latencies"] is JsonObject stable)
            rows.Add(("stable latency (ms)", string.Join(", ", stable.Select(kv => $"{kv.Key switch { "0" => "min", "1" => "max", var k => "q" + k }} {Summary.FormatNumber(kv.Value)}"))));
        foreach (var f in ops.Select(o => o.F).Distinct().Order(StringComparer.Ordinal))
        {
            var l = ops.Where(o => o.F == f && o.Outcome == OpType.Ok).Select(o => o.LatencyMs).Order().ToArray();
            if (l.Length > 0)
                rows.Add(($"latency of ok {f} (ms)", string.Join(", ", RunCharts.Quantiles.Select(q => $"{(q == 1 ? "max" : "q" + q.ToString(CultureInfo.InvariantCulture))} {RunCharts.Quantile(l, q):0.###}"))));
        }
        if (run.Options?["seed"] is { } seed) rows.Add(("seed", seed.ToJsonString()));
        if (RunIndex.WallSeconds(run.Directory) is { } wall) rows.Add(("wall time (s)", wall.ToString("0.0", CultureInfo.InvariantCulture)));
        var sb = new StringBuilder("<table class=\"figures\">");
        foreach (var (k, v) in rows) sb.Append(CultureInfo.InvariantCulture, $"<tr><th>{Svg.Escape(k)}</th><td>{Svg.Escape(v)}</td></tr>");
        return sb.Append("</table>").ToString();
    }

    private static string OpLinks(IEnumerable<long> indexes, int max)
    {
        var list = indexes.ToList();
        var links = string.Join(" ", list.Take(max).Select(i => $"<a href=\"#op-{i}\">{i}</a>"));
        return list.Count > max ? links + $" … ({list.Count - max} more)" : links;
    }

    /// <summary>The ops the anomalies and errors name, each with its invocation or completion, as table rows with anchors op-INDEX.</summary>
    private static string HistoryExcerpt(IReadOnlyList<Op> history, IReadOnlyList<TimedOp> ops, SortedSet<long> involved)
    {
        if (involved.Count == 0) return "<p>No operation to show: nothing above names one. The whole history is in the files below.</p>";
        var partner = new Dictionary<long, long>();
        foreach (var o in ops)
        {
            if (o.Completion is not { } c) continue;
            partner[o.Invoke.Index] = c.Index;
            partner[c.Index] = o.Invoke.Index;
        }
        var wanted = new SortedSet<long>(involved.Take(2000));
        foreach (var i in wanted.ToList()) if (partner.TryGetValue(i, out var p)) wanted.Add(p);
        var sb = new StringBuilder("<table class=\"history\"><tr><th>index</th><th>time (s)</th><th>process</th><th>type</th><th>f</th><th>value</th><th>error</th><th>node</th></tr>");
        foreach (var op in history.Where(o => wanted.Contains(o.Index)))
        {
            var value = op.Value?.ToJsonString() ?? "nil";
            if (value.Length > 400) value = value[..400] + "…";
            var mark = involved.Contains(op.Index) ? " class=\"named\"" : "";
            sb.Append(CultureInfo.InvariantCulture,
                $"<tr id=\"op-{op.Index}\"{mark}><td>{op.Index}</td><td>{op.Time / 1e9:0.000000}</td><td>{(op.IsNemesis ? "nemesis" : op.Process.ToString(CultureInfo.InvariantCulture))}</td><td class=\"{op.Type.ToString().ToLowerInvariant()}\">{op.Type.ToString().ToLowerInvariant()}</td><td>{Svg.Escape(op.F)}</td><td><code>{Svg.Escape(value)}</code></td><td>{Svg.Escape(op.Error ?? "")}</td><td>{Svg.Escape(op.Node ?? "")}</td></tr>");
        }
        return sb.Append("</table>").ToString();
    }

    private static string Files(string directory)
    {
        var sb = new StringBuilder("<ul class=\"files\">");
        try
        {
            foreach (var f in Directory.EnumerateFileSystemEntries(directory).Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(f);
                if (Directory.Exists(f))
                {
                    sb.Append(CultureInfo.InvariantCulture, $"<li>{Svg.Escape(name)}/: ");
                    sb.Append(string.Join(" ", Directory.EnumerateFiles(f).Order(StringComparer.Ordinal).Take(100).Select(g => $"<a href=\"{Uri.EscapeDataString(name)}/{Uri.EscapeDataString(Path.GetFileName(g))}\">{Svg.Escape(Path.GetFileName(g))}</a>")));
                    sb.Append("</li>");
                }
                else sb.Append(CultureInfo.InvariantCulture, $"<li><a href=\"{Uri.EscapeDataString(name)}\">{Svg.Escape(name)}</a> ({new FileInfo(f).Length:N0} bytes)</li>");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<li class=\"problem\">{Svg.Escape(e.Message)}</li>");
        }
        return sb.Append("</ul>").ToString();
    }
}
