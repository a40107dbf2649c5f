using System.Diagnostics;
using Glomers.Harness.Core;
using Glomers.Harness.Reports;

namespace Glomers.Harness.Cli;

/// <summary>`glomers report RUN_DIR [--flow-window START-END]`: rebuilds report.html of a stored run, ours or Maelstrom's.</summary>
public static class ReportCommand
{
    public const string Usage = "report takes a run folder and optionally --flow-window START-END: glomers report store/latest --flow-window 0-2";

    public static int Run(IReadOnlyList<string> args, TextWriter console)
    {
        string? dir = null;
        FlowWindow? window = null;
        for (var i = 0; i < args.Count; i++)
        {
            var (flag, inline) = args[i].Split('=', 2) is [var f, var v] && f.StartsWith("--", StringComparison.Ordinal) ? (f, v) : (args[i], null);
            if (flag == "--flow-window") window = FlowWindow.Parse(inline ?? (i + 1 < args.Count ? args[++i] : throw new BenchException("--flow-window needs a value (START-END in seconds)")));
            else if (!flag.StartsWith('-') && dir is null) dir = args[i];
            else throw new BenchException(Usage);
        }
        if (dir is null) throw new BenchException(Usage);
        var watch = Stopwatch.StartNew();
        var path = RunReport.Write(dir, window);
        console.WriteLine($"Report in {path} ({new FileInfo(path).Length:N0} bytes, {watch.Elapsed.TotalSeconds:0.000} s)");
        return 0;
    }
}
