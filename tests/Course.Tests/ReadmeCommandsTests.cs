using System.Diagnostics;
using System.Text;
using Glomers.Tests.Shared;

namespace Glomers.Course.Tests;

/// <summary>
/// Runs every runnable block of README.md from the repository root, in order, as a learner would
/// after the quick start, so the course cannot rot: a block that exits otherwise than it says fails.
/// </summary>
public class ReadmeCommandsTests
{
    private static readonly TimeSpan BlockTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public void EveryRunnableBlockOfTheReadmeExitsAsMarked()
    {
        var readme = Path.Combine(BuiltBinaries.RepositoryRoot, "README.md");
        var blocks = RunnableBlock.Find(File.ReadAllText(readme));
        Assert.NotEmpty(blocks);

        var failures = new List<string>();
        foreach (var block in blocks)
        {
            var (exit, output) = Run(block.Script);
            if (exit != block.ExpectedExit)
                failures.Add($"README.md line {block.Line}: exit {exit}, expected {block.ExpectedExit}\n{block.Script}--- output (last lines):\n{Tail(output, 25)}");
        }
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    // bash -e: a block fails at its first failing command, as a learner would stop there.
    private static (int Exit, string Output) Run(string script)
    {
        var start = new ProcessStartInfo("bash", ["-e", "-o", "pipefail", "-c", script])
        {
            WorkingDirectory = BuiltBinaries.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(BlockTimeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            lock (output) return (-1, output + $"(killed after {BlockTimeout.TotalMinutes} min)");
        }
        process.WaitForExit();
        lock (output) return (process.ExitCode, output.ToString());
    }

    private static string Tail(string text, int lines) =>
        string.Join('\n', text.Split('\n').TakeLast(lines));
}
