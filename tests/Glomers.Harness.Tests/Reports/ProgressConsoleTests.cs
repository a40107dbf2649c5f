using Glomers.Harness.Cli;
using Glomers.Harness.Reports;
using Glomers.Harness.Tests.Checkers;

namespace Glomers.Harness.Tests.Reports;

public class ProgressConsoleTests
{
    private static RunProgress Progress()
    {
        var progress = new RunProgress(10);
        foreach (var op in new HistoryBuilder().At(1000).Invoke(0, "read").At(3000).Ok(0).Ops) progress.Observe(op, 42);
        return progress;
    }

    [Fact]
    public void On_a_terminal_the_live_line_is_cleared_before_a_run_line_and_drawn_again_after_it()
    {
        var output = new StringWriter();
        using (var console = new ProgressConsole(output, Progress(), live: true, every: Timeout.InfiniteTimeSpan))
        {
            console.Tick();
            console.WriteLine("nemesis start-partition");
        }
        const string line = "\r     2.0/10 s  ops 1  ok 1  fail 0  info 0  msgs 42  nemesis -\u001b[K";
        Assert.Equal(line + "\r\u001b[K" + "nemesis start-partition" + Environment.NewLine + line + "\r\u001b[K", output.ToString());
    }

    [Fact]
    public void Elsewhere_each_turn_prints_one_plain_line_between_the_run_lines()
    {
        var output = new StringWriter();
        using (var console = new ProgressConsole(output, Progress(), live: false, every: Timeout.InfiniteTimeSpan))
        {
            console.WriteLine("Running");
            console.Tick();
            console.WriteLine("Final reads...");
        }
        Assert.Equal(string.Join(Environment.NewLine, "Running", "     2.0/10 s  ops 1  ok 1  fail 0  info 0  msgs 42  nemesis -", "Final reads...", ""), output.ToString());
    }
}
