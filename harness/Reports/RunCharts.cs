using System.Globalization;
using System.Text;
using Glomers.Harness.History;

namespace Glomers.Harness.Reports;

/// <summary>
/// The three plots Maelstrom draws with gnuplot (latency-raw, latency-quantiles, rate), as SVG:
/// one series per operation function, coloured by outcome, with the nemesis periods shaded.
/// </summary>
public static class RunCharts
{
    public const int Width = 960, Height = 330;

    public static readonly double[] Quantiles = [0.5, 0.95, 0.99, 1];

    private static readonly string[] QuantileColors = ["#1f77b4", "#2ca02c", "#ff7f0e", "#d62728"];

    private static readonly string[] Dashes = ["", "6 3", "2 3", "8 3 2 3"];

    public static string Colour(OpType outcome) => outcome switch
    {
        OpType.Ok => "#1f77b4",
        OpType.Fail => "#d62728",
        _ => "#ff9900",
    };

    public static string FaultColour(string fault, IReadOnlyList<string> faults) =>
        fault switch { "partition" => "#d62728", "kill" => "#8c564b", "pause" => "#9467bd", _ => Svg.Palette[(faults.ToList().IndexOf(fault) + 4) % Svg.Palette.Length] };

    /// <summary>Latency of every completed operation against its invocation time, log scale.</summary>
    public static string LatencyRaw(IReadOnlyList<TimedOp> ops, IReadOnlyList<NemesisPeriod> nemesis, double endSeconds)
    {
        var done = ops.Where(o => o.Completion is not null).ToList();
        var svg = LatencyAxes(done.Select(o => o.LatencyMs), endSeconds);
        Shade(svg, nemesis);
        svg.Axes("time (s)", "latency (ms)");
        var fs = Functions(ops);
        var legend = new List<(string, Func<double, double, string>)>();
        foreach (var (f, fi) in fs.Select((f, i) => (f, i)))
        {
            foreach (var outcome in new[] { OpType.Ok, OpType.Fail, OpType.Info })
            {
                var points = done.Where(o => o.F == f && o.Outcome == outcome).ToList();
                if (points.Count == 0) continue;
                var d = new StringBuilder();
                foreach (var p in points) d.Append(Marker(fi, svg.X(p.Start / 1e9), svg.Y(p.LatencyMs)));
                svg.Raw(MarkerPath(fi, Colour(outcome), d.ToString(), $"{f} {Name(outcome)}"));
                var shape = fi;
                var colour = Colour(outcome);
                legend.Add(($"{f} {Name(outcome)} ({points.Count})", (x, y) => MarkerPath(shape, colour, Marker(shape, x, y), null)));
            }
        }
        svg.Legend(legend);
        return svg.ToSvg("plot latency-raw");
    }

    /// <summary>Quantiles of the ok operations' latency in windows of time, one line per function and quantile.</summary>
    public static string LatencyQuantiles(IReadOnlyList<TimedOp> ops, IReadOnlyList<NemesisPeriod> nemesis, double endSeconds)
    {
        var ok = ops.Where(o => o.Outcome == OpType.Ok).ToList();
        var svg = LatencyAxes(ok.Select(o => o.LatencyMs), endSeconds);
        Shade(svg, nemesis);
        svg.Axes("time (s)", "latency (ms)");
        var dt = Bucket(endSeconds);
        var fs = Functions(ops);
        foreach (var (f, fi) in fs.Select((f, i) => (f, i)))
        {
            var buckets = ok.Where(o => o.F == f).GroupBy(o => (int)(o.Start / 1e9 / dt)).OrderBy(g => g.Key)
                .Select(g => (Key: g.Key, L: g.Select(o => o.LatencyMs).Order().ToArray())).ToList();
            // A window with no ok op breaks the line rather than joining its neighbours across the gap.
            var runs = new List<List<(int Key, double[] L)>>();
            foreach (var b in buckets)
            {
                if (runs.Count == 0 || runs[^1][^1].Key != b.Key - 1) runs.Add([]);
                runs[^1].Add(b);
            }
            for (var qi = 0; qi < Quantiles.Length; qi++)
            {
                var q = Quantiles[qi];
                foreach (var run in runs)
                {
                    var pts = run.Select(b => (svg.X((b.Key + 0.5) * dt), svg.Y(Quantile(b.L, q)))).ToList();
                    if (pts.Count == 1) pts.Add((pts[0].Item1 + 1.5, pts[0].Item2));
                    svg.Raw(Polyline(pts, QuantileColors[qi], Dashes[fi % Dashes.Length], $"{f} q{q.ToString(CultureInfo.InvariantCulture)}"));
                }
            }
        }
        svg.Legend([
            .. Quantiles.Select((q, qi) => (q == 1 ? "max" : "q" + q.ToString(CultureInfo.InvariantCulture), (Func<double, double, string>)((x, y) => Sample(x, y, QuantileColors[qi], "")))),
            .. fs.Count > 1 ? fs.Select((f, fi) => (f, (Func<double, double, string>)((x, y) => Sample(x, y, "#444", Dashes[fi % Dashes.Length])))) : [],
        ]);
        return svg.ToSvg("plot latency-quantiles");
    }

    /// <summary>Completed operations per second in windows of time, by function and outcome.</summary>
    public static string Rate(IReadOnlyList<TimedOp> ops, IReadOnlyList<NemesisPeriod> nemesis, double endSeconds)
    {
        var dt = Bucket(endSeconds);
        var fs = Functions(ops);
        var series = new List<(string F, int Fi, OpType Outcome, double[] Rates)>();
        var n = (int)Math.Ceiling(endSeconds / dt) + 1;
        foreach (var (f, fi) in fs.Select((f, i) => (f, i)))
        {
            foreach (var outcome in new[] { OpType.Ok, OpType.Fail, OpType.Info })
            {
                var counts = new double[n];
                var any = false;
                foreach (var o in ops.Where(o => o.F == f && o.Outcome == outcome && o.Completion is not null))
                {
                    counts[Math.Clamp((int)(o.Completion!.Time / 1e9 / dt), 0, n - 1)] += 1 / dt;
                    any = true;
                }
                if (any) series.Add((f, fi, outcome, counts));
            }
        }
        var max = series.Count == 0 ? 1 : series.Max(s => s.Rates.Max());
        var svg = new Svg(Width, Height, 0, endSeconds, 0, max * 1.1, logY: false);
        Shade(svg, nemesis);
        svg.Axes("time (s)", "operations per second");
        foreach (var s in series)
            svg.Raw(Polyline(s.Rates.Select((r, i) => (svg.X((i + 0.5) * dt), svg.Y(r))), Colour(s.Outcome), Dashes[s.Fi % Dashes.Length], $"{s.F} {Name(s.Outcome)}"));
        svg.Legend(series.Select(s => ($"{s.F} {Name(s.Outcome)}", (Func<double, double, string>)((x, y) => Sample(x, y, Colour(s.Outcome), Dashes[s.Fi % Dashes.Length])))));
        return svg.ToSvg("plot rate");
    }

    /// <summary>The q-quantile of sorted values: the value at index floor(q·(n-1)), so q = 1 is the maximum.</summary>
    public static double Quantile(double[] sorted, double q) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Floor(q * (sorted.Length - 1)), 0, sorted.Length - 1)];

    /// <summary>Window width in seconds: a round value giving about 40 windows over the run.</summary>
    public static double Bucket(double endSeconds) => Svg.Ticks(0, Math.Max(endSeconds, 0.1), 40).Skip(1).FirstOrDefault(0.1) is var s && s > 0 ? s : 0.1;

    private static IReadOnlyList<string> Functions(IReadOnlyList<TimedOp> ops) => [.. ops.Select(o => o.F).Distinct().Order(StringComparer.Ordinal)];

    private static void Shade(Svg svg, IReadOnlyList<NemesisPeriod> nemesis)
    {
        var faults = nemesis.Select(p => p.Fault).Distinct().ToList();
        foreach (var p in nemesis) svg.Shade(p.Start / 1e9, p.End / 1e9, p.Fault, FaultColour(p.Fault, faults));
    }

    /// <summary>A log scale as Jepsen draws latency, or a linear one from 0 when some latency is 0 (as a sim run's clients see).</summary>
    private static Svg LatencyAxes(IEnumerable<double> values, double endSeconds)
    {
        var v = values.Where(double.IsFinite).ToList();
        if (v.Count == 0) return new Svg(Width, Height, 0, endSeconds, 1, 1000, logY: true);
        if (v.Min() <= 0) return new Svg(Width, Height, 0, endSeconds, 0, Math.Max(v.Max() * 1.1, 1), logY: false);
        var lo = Math.Max(v.Min(), 0.01);
        var hi = Math.Max(v.Max(), lo * 10);
        return new Svg(Width, Height, 0, endSeconds, Math.Pow(10, Math.Floor(Math.Log10(lo))), Math.Pow(10, Math.Ceiling(Math.Log10(hi))), logY: true);
    }

    private static string Name(OpType t) => t.ToString().ToLowerInvariant();

    // Marker shapes by function: dot, square, triangle, cross. Each series is one path, which keeps thousands of points small.
    private static string Marker(int shape, double x, double y) => (shape % 4) switch
    {
        0 or 1 => $"M{Svg.F(x)} {Svg.F(y)}h0",
        2 => $"M{Svg.F(x)} {Svg.F(y - 3)}l3 5h-6z",
        _ => $"M{Svg.F(x - 2.5)} {Svg.F(y - 2.5)}l5 5m0-5l-5 5",
    };

    private static string MarkerPath(int shape, string colour, string d, string? title)
    {
        var t = title is null ? "" : $"<title>{Svg.Escape(title)}</title>";
        return (shape % 4) switch
        {
            0 => $"<path class=\"pts\" d=\"{d}\" stroke=\"{colour}\" stroke-width=\"4\" stroke-linecap=\"round\" fill=\"none\" stroke-opacity=\"0.7\">{t}</path>",
            1 => $"<path class=\"pts\" d=\"{d}\" stroke=\"{colour}\" stroke-width=\"4\" stroke-linecap=\"square\" fill=\"none\" stroke-opacity=\"0.7\">{t}</path>",
            2 => $"<path class=\"pts\" d=\"{d}\" fill=\"{colour}\" fill-opacity=\"0.7\">{t}</path>",
            _ => $"<path class=\"pts\" d=\"{d}\" stroke=\"{colour}\" stroke-width=\"1.5\" fill=\"none\">{t}</path>",
        };
    }

    private static string Polyline(IEnumerable<(double X, double Y)> points, string colour, string dash, string title)
    {
        var p = string.Join(" ", points.Select(pt => $"{Svg.F(pt.X)},{Svg.F(pt.Y)}"));
        var d = dash.Length > 0 ? $" stroke-dasharray=\"{dash}\"" : "";
        return $"<polyline class=\"series\" points=\"{p}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"1.6\"{d}><title>{Svg.Escape(title)}</title></polyline>";
    }

    private static string Sample(double x, double y, string colour, string dash) =>
        $"<line x1=\"{Svg.F(x - 6)}\" y1=\"{Svg.F(y)}\" x2=\"{Svg.F(x + 6)}\" y2=\"{Svg.F(y)}\" stroke=\"{colour}\" stroke-width=\"2\"{(dash.Length > 0 ? $" stroke-dasharray=\"{dash}\"" : "")}/>";
}
