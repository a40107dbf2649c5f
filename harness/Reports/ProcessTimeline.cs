using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Glomers.Harness.History;

namespace Glomers.Harness.Reports;

/// <summary>
/// Jepsen's timeline for a window: one row per client process, each operation a bar from its
/// invocation to its completion, coloured by outcome, with what it asked and got in its tooltip;
/// the nemesis periods on a row of their own.
/// </summary>
public static class ProcessTimeline
{
    public const int MaxOps = 4000;
    private const int Width = 960, Left = 64, Right = 16, Top = 24, Row = 16;
    private const int MaxValueChars = 160;

    public static string Render(IReadOnlyList<TimedOp> ops, IReadOnlyList<NemesisPeriod> nemesis, FlowWindow window, long runEnd)
    {
        var shown = ops.Where(o => o.Start >= window.StartNs && o.Start <= window.EndNs).Take(MaxOps).ToList();
        var processes = shown.Select(o => o.Invoke.Process).Distinct().Order().ToList();
        var rows = processes.Select((p, i) => (p, i)).ToDictionary(x => x.p, x => x.i + 1);
        var height = Top + (processes.Count + 1) * Row + 30;
        var t0 = window.StartNs;
        var t1 = window.EndNs;
        double X(long t) => Left + (double)(Math.Clamp(t, t0, t1) - t0) / (t1 - t0) * (Width - Left - Right);
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<svg class=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {height}\" width=\"{Width}\" height=\"{height}\">");
        var bottom = Top + (processes.Count + 1) * Row;
        foreach (var s in Svg.Ticks(window.Start, window.End, 10))
        {
            var x = Svg.F(X((long)(s * 1e9)));
            sb.Append(CultureInfo.InvariantCulture, $"<line class=\"grid\" x1=\"{x}\" y1=\"{Top}\" x2=\"{x}\" y2=\"{bottom}\"/><text x=\"{x}\" y=\"{bottom + 14}\" text-anchor=\"middle\" class=\"small\">{Svg.Number(s)}</text>");
        }
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{(Left + Width - Right) / 2}\" y=\"{height - 4}\" text-anchor=\"middle\">time (s)</text>");
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 4}\" y=\"{Top + 12}\" text-anchor=\"end\" class=\"small\">nemesis</text>");
        var faults = nemesis.Select(p => p.Fault).Distinct().ToList();
        foreach (var p in nemesis.Where(p => p.End >= t0 && p.Start <= t1))
        {
            var a = X(p.Start);
            var b = Math.Max(X(p.End), a + 1);
            sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Svg.F(a)}\" y=\"{Top + 2}\" width=\"{Svg.F(b - a)}\" height=\"{Row - 4}\" fill=\"{RunCharts.FaultColour(p.Fault, faults)}\" fill-opacity=\"0.5\"><title>{Svg.Escape($"{p.Fault} {p.Start / 1e9:0.###}–{p.End / 1e9:0.###} s")}</title></rect>");
        }
        foreach (var (p, i) in rows)
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 4}\" y=\"{Top + i * Row + 12}\" text-anchor=\"end\" class=\"small\">{p}</text>");
        foreach (var o in shown)
        {
            var y = Top + rows[o.Invoke.Process] * Row + 2;
            var a = X(o.Start);
            var b = Math.Max(X(o.EndOr(runEnd)), a + 1.5);
            var outcome = o.Outcome.ToString().ToLowerInvariant();
            sb.Append(CultureInfo.InvariantCulture, $"<rect class=\"op {outcome}\" x=\"{Svg.F(a)}\" y=\"{y}\" width=\"{Svg.F(b - a)}\" height=\"{Row - 4}\"><title>{Svg.Escape(Describe(o))}</title></rect>");
        }
        sb.Append("</svg>");
        return sb.ToString();
    }

    /// <summary>"process 3 on n0, op 17: broadcast 5 → ok 12.3 ms", as a tooltip says it.</summary>
    public static string Describe(TimedOp o)
    {
        var on = o.Invoke.Node is { } n ? $" on {n}" : "";
        var outcome = o.Completion is { } c
            ? $"{c.Type.ToString().ToLowerInvariant()} {Value(c.Value)}{(c.Error is { } e ? $" ({e})" : "")} after {o.LatencyMs:0.###} ms"
            : "no completion";
        return $"process {o.Invoke.Process}{on}, op {o.Invoke.Index}: {o.F} {Value(o.Invoke.Value)} → {outcome}";
    }

    private static string Value(JsonNode? v)
    {
        var s = v?.ToJsonString() ?? "nil";
        return s.Length > MaxValueChars ? s[..MaxValueChars] + "…" : s;
    }
}
