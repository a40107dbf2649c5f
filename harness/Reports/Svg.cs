using System.Globalization;
using System.Net;
using System.Text;

namespace Glomers.Harness.Reports;

/// <summary>
/// A plot area drawn as SVG text: a time axis in seconds, a linear or logarithmic value axis, grid
/// lines, shaded periods and a legend. Hand-written: the plots are points, lines and rectangles,
/// and the page stays one small file with no library to load.
/// </summary>
public sealed class Svg
{
    public const int Left = 64, Right = 16, Top = 26, Bottom = 40;

    private readonly StringBuilder body = new();

    public Svg(int width, int height, double x0, double x1, double y0, double y1, bool logY)
    {
        Width = width;
        Height = height;
        X0 = x0;
        X1 = x1 > x0 ? x1 : x0 + 1;
        LogY = logY;
        Y0 = logY ? Math.Log10(y0) : y0;
        Y1 = logY ? Math.Log10(y1) : y1;
        if (Y1 <= Y0) Y1 = Y0 + 1;
    }

    public int Width { get; }
    public int Height { get; }
    public double X0 { get; }
    public double X1 { get; }
    public double Y0 { get; }
    public double Y1 { get; }
    public bool LogY { get; }

    public double X(double x) => Left + (Math.Clamp(x, X0, X1) - X0) / (X1 - X0) * (Width - Left - Right);

    public double Y(double y)
    {
        var v = LogY ? Math.Log10(Math.Max(y, Math.Pow(10, Y0))) : y;
        v = Math.Clamp(v, Y0, Y1);
        return Height - Bottom - (v - Y0) / (Y1 - Y0) * (Height - Top - Bottom);
    }

    public Svg Raw(string svg)
    {
        body.Append(svg);
        return this;
    }

    /// <summary>Shades [from, to] on the time axis with its label at the top, as nemesis periods are shown.</summary>
    public void Shade(double from, double to, string label, string color)
    {
        var a = X(Math.Max(from, X0));
        var b = X(Math.Min(to, X1));
        if (b <= a) return;
        body.Append(CultureInfo.InvariantCulture, $"<rect class=\"nemesis\" x=\"{F(a)}\" y=\"{Top}\" width=\"{F(b - a)}\" height=\"{Height - Top - Bottom}\" fill=\"{color}\" fill-opacity=\"0.18\"><title>{Escape(label)} {from:0.###}–{to:0.###} s</title></rect>");
        body.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(a + 2)}\" y=\"{Top + 10}\" class=\"small\" fill=\"{color}\">{Escape(label)}</text>");
    }

    /// <summary>The axes, ticks and labels; call before the data so the data is drawn on top.</summary>
    public void Axes(string xLabel, string yLabel)
    {
        var plotBottom = Height - Bottom;
        foreach (var t in Ticks(X0, X1, 10))
        {
            var x = F(X(t));
            body.Append(CultureInfo.InvariantCulture, $"<line class=\"grid\" x1=\"{x}\" y1=\"{Top}\" x2=\"{x}\" y2=\"{plotBottom}\"/><text x=\"{x}\" y=\"{plotBottom + 14}\" text-anchor=\"middle\" class=\"small\">{Number(t)}</text>");
        }
        var yTicks = LogY
            ? Enumerable.Range((int)Math.Floor(Y0), (int)Math.Ceiling(Y1) - (int)Math.Floor(Y0) + 1).Select(e => Math.Pow(10, e)).Where(v => Math.Log10(v) >= Y0 - 1e-9 && Math.Log10(v) <= Y1 + 1e-9)
            : Ticks(Y0, Y1, 6);
        foreach (var v in yTicks)
        {
            var y = F(Y(v));
            body.Append(CultureInfo.InvariantCulture, $"<line class=\"grid\" x1=\"{Left}\" y1=\"{y}\" x2=\"{Width - Right}\" y2=\"{y}\"/><text x=\"{Left - 4}\" y=\"{y}\" dy=\"4\" text-anchor=\"end\" class=\"small\">{Number(v)}</text>");
        }
        body.Append(CultureInfo.InvariantCulture, $"<rect class=\"frame\" x=\"{Left}\" y=\"{Top}\" width=\"{Width - Left - Right}\" height=\"{Height - Top - Bottom}\"/>");
        body.Append(CultureInfo.InvariantCulture, $"<text x=\"{(Left + Width - Right) / 2}\" y=\"{Height - 6}\" text-anchor=\"middle\">{Escape(xLabel)}</text>");
        body.Append(CultureInfo.InvariantCulture, $"<text transform=\"translate(14 {(Top + plotBottom) / 2}) rotate(-90)\" text-anchor=\"middle\">{Escape(yLabel)}</text>");
    }

    /// <summary>A one-line legend along the top; each entry is a small sample drawn by <paramref name="sample"/> at (x, y).</summary>
    public void Legend(IEnumerable<(string Label, Func<double, double, string> Sample)> entries)
    {
        double x = Left + 4;
        foreach (var (label, sample) in entries)
        {
            body.Append(sample(x + 5, Top - 12));
            body.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(x + 14)}\" y=\"{Top - 8}\" class=\"small\">{Escape(label)}</text>");
            x += 24 + label.Length * 6.2;
        }
    }

    public string ToSvg(string cssClass) =>
        $"<svg class=\"{cssClass}\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {Height}\" width=\"{Width}\" height=\"{Height}\">{body}</svg>";

    /// <summary>About <paramref name="count"/> round tick values between <paramref name="a"/> and <paramref name="b"/>.</summary>
    public static IEnumerable<double> Ticks(double a, double b, int count)
    {
        var raw = (b - a) / Math.Max(1, count);
        if (!(raw > 0) || !double.IsFinite(raw)) yield break;
        var mag = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = new[] { 1, 2, 5, 10 }.Select(m => m * mag).First(s => s >= raw);
        for (var t = Math.Ceiling(a / step) * step; t <= b + step * 1e-9; t += step) yield return Math.Abs(t) < step * 1e-9 ? 0 : t;
    }

    /// <summary>A coordinate with one decimal, the precision a screen needs, keeping the file small.</summary>
    public static string F(double v) => Math.Round(v, 1).ToString("0.#", CultureInfo.InvariantCulture);

    public static string Number(double v) => v.ToString(Math.Abs(v) >= 100 || v == Math.Floor(v) ? "0" : "0.###", CultureInfo.InvariantCulture);

    public static string Escape(string s) => WebUtility.HtmlEncode(s);

    /// <summary>Colours for series that have no colour of their own (message types, operation functions, faults).</summary>
    public static readonly string[] Palette =
        ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#7f7f7f"];
}
