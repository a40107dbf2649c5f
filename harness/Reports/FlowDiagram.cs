using System.Globalization;
using System.Text;

namespace Glomers.Harness.Reports;

/// <summary>
/// The message flow of a window as a Lamport diagram: one vertical line per node (services on their
/// own lines, every client on one "clients" line), time going down, each message an arrow from its
/// send to its receive, coloured by type, its body in the arrow's tooltip.
/// </summary>
public static class FlowDiagram
{
    private const int Top = 40, LeftAxis = 70, Bottom = 20;

    public const string ClientsColumn = "clients";

    public static string Render(IReadOnlyList<FlowMessage> messages, FlowWindow window)
    {
        var columns = Columns(messages);
        var colWidth = columns.Count <= 8 ? 110 : columns.Count <= 16 ? 70 : 46;
        var width = LeftAxis + columns.Count * colWidth + 20;
        var height = Math.Clamp(messages.Count * 4, 500, 9000);
        var t0 = window.StartNs;
        var lastReceive = messages.Select(m => m.Received ?? m.Sent).DefaultIfEmpty(window.EndNs).Max();
        var t1 = Math.Max(window.EndNs, Math.Min(lastReceive, window.EndNs + 1_000_000_000));
        double Y(long t) => Top + (double)(Math.Min(t, t1) - t0) / (t1 - t0) * height;
        var index = columns.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => LeftAxis + p.i * colWidth + colWidth / 2.0);
        var types = messages.GroupBy(m => m.Type).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, g.Count())).ToList();
        var typeClass = types.Select((t, i) => (t.Key, i)).ToDictionary(p => p.Key, p => p.i);

        var sb = new StringBuilder();
        var total = Top + height + Bottom;
        sb.Append(CultureInfo.InvariantCulture, $"<svg class=\"flow\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {total}\" width=\"{width}\" height=\"{total}\">");
        sb.Append("<defs><marker id=\"ah\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"6\" markerHeight=\"6\" orient=\"auto-start-reverse\"><path d=\"M0 0L10 5L0 10z\" fill=\"context-stroke\"/></marker></defs>");
        sb.Append("<style>");
        foreach (var (type, i) in typeClass) sb.Append(CultureInfo.InvariantCulture, $".flow .t{i}{{stroke:{TypeColour(i)}}}");
        sb.Append("</style>");
        // Time ticks down the left, node lines, and the node names on top and again every 1500 px.
        foreach (var ms in Svg.Ticks(t0 / 1e6, t1 / 1e6, Math.Max(4, height / 120)))
        {
            var y = Svg.F(Y((long)(ms * 1e6)));
            sb.Append(CultureInfo.InvariantCulture, $"<line class=\"grid\" x1=\"{LeftAxis - 4}\" y1=\"{y}\" x2=\"{width - 20}\" y2=\"{y}\"/><text x=\"{LeftAxis - 6}\" y=\"{y}\" dy=\"4\" text-anchor=\"end\" class=\"small\">{Svg.Number(ms / 1000)} s</text>");
        }
        foreach (var (name, x) in index)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<line class=\"lane\" x1=\"{Svg.F(x)}\" y1=\"{Top - 6}\" x2=\"{Svg.F(x)}\" y2=\"{Top + height}\"/>");
            for (var y = Top - 10; y < Top + height; y += 1500)
                sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{Svg.F(x)}\" y=\"{y}\" text-anchor=\"middle\" class=\"lane-name\">{Svg.Escape(name)}</text>");
        }
        sb.Append("<g class=\"msgs\" marker-end=\"url(#ah)\">");
        foreach (var m in messages)
        {
            var x1 = index[Column(m.Src)];
            var x2 = index[Column(m.Dest)];
            var y1 = Y(m.Sent);
            var y2 = m.Received is { } r ? Y(r) : Top + height;
            if (x1 == x2) x2 += colWidth / 3.0;
            var fate = m.Dropped ? " (dropped)" : m.Received is null ? " (not received in the window)" : $" {(m.Received!.Value - m.Sent) / 1e6:0.###} ms";
            var cls = $"t{typeClass[m.Type]}{(m.Dropped ? " dropped" : "")}";
            sb.Append(CultureInfo.InvariantCulture,
                $"<line class=\"{cls}\" x1=\"{Svg.F(x1)}\" y1=\"{Svg.F(y1)}\" x2=\"{Svg.F(x2)}\" y2=\"{Svg.F(y2)}\"><title>{Svg.Escape($"{m.Src} → {m.Dest} at {m.Sent / 1e9:0.000000} s{fate}\n{m.Body}")}</title></line>");
        }
        sb.Append("</g></svg>");
        var legend = string.Join(" ", types.Select(t => $"<span class=\"key\"><i style=\"background:{TypeColour(typeClass[t.Key])}\"></i>{Svg.Escape(t.Key.Length == 0 ? "(no type)" : t.Key)} {t.Item2}</span>"));
        return $"<div class=\"legend\">{legend}</div><div class=\"flow-scroll\">{sb}</div>";
    }

    /// <summary>Nodes in numeric order (n2 before n10), then services, then one line for all clients.</summary>
    public static IReadOnlyList<string> Columns(IEnumerable<FlowMessage> messages)
    {
        var names = messages.SelectMany(m => new[] { Column(m.Src), Column(m.Dest) }).Distinct().ToList();
        var nodes = names.Where(IsNode).OrderBy(n => int.Parse(n.AsSpan(1), CultureInfo.InvariantCulture)).ToList();
        var services = names.Where(n => !IsNode(n) && n != ClientsColumn).Order(StringComparer.Ordinal).ToList();
        return [.. nodes, .. services, .. names.Contains(ClientsColumn) ? [ClientsColumn] : Array.Empty<string>()];
    }

    public static string Column(string endpoint) => IsNumbered(endpoint, 'c') ? ClientsColumn : endpoint;

    private static bool IsNode(string name) => IsNumbered(name, 'n');

    private static bool IsNumbered(string name, char prefix) =>
        name.Length > 1 && name[0] == prefix && name.AsSpan(1).IndexOfAnyExceptInRange('0', '9') < 0 && name.Length < 10;

    private static string TypeColour(int i) => Svg.Palette[i % Svg.Palette.Length];
}
