using System.Diagnostics;
using System.Text;
using Glomers.Tests.Shared;

namespace Glomers.Course.Tests;

/// <summary>
/// Runs every runnable block of README.md from the repository root, in order, as a learner would
/// after the quick start, so the course cannot rot: a block that exits otherwise than it says fails.
/// The run folders the blocks add under store/ are deleted afterwards.
/// </summary>
public class ReadmeCommandsTests
{
    private static readonly TimeSpan BlockTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(15);

    [Fact]
    public void EveryRunnableBlockOfTheReadmeExitsAsMarked()
    {
        var readme = Path.Combine(BuiltBinaries.RepositoryRoot, "README.md");
        var blocks = RunnableBlock.Find(File.ReadAllText(readme));
        Assert.NotEmpty(blocks);

        // The quick start's Release build of what the blocks run. The project references alone do not
        // give it: inside a solution build they are built in the solution's configuration.
        var (built, buildOutput) = Run("dotnet build -c Release tests/Course.Tests/Course.Tests.csproj -v quiet -nologo", BuildTimeout);
        Assert.True(built == 0, $"the Release build of the README's binaries failed (exit {built}):\n{Tail(buildOutput, 25)}");

        var store = Path.Combine(BuiltBinaries.RepositoryRoot, "store");
        var before = RunFolders(store).ToHashSet();
        var failures = new List<string>();
        try
        {
            foreach (var block in blocks)
            {
                var (exit, output) = Run(block.Script);
                if (exit != block.ExpectedExit)
                    failures.Add($"README.md line {block.Line}: exit {exit}, expected {block.ExpectedExit}\n{block.Script}--- output (last lines):\n{Tail(output, 25)}");
            }
        }
        finally
        {
            // The blocks' runs are the test's own: they go, and so do the 'latest' links left pointing at them.
            foreach (var run in RunFolders(store).Where(r => !before.Contains(r))) Directory.Delete(run, recursive: true);
            RemoveDanglingLinks(store);
        }
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    /// <summary>store/&lt;workload&gt;/&lt;run&gt; folders, not the 'latest' links.</summary>
    private static IEnumerable<string> RunFolders(string store) =>
        !Directory.Exists(store) ? []
            : Directory.EnumerateDirectories(store).Where(IsFolder)
                .SelectMany(w => Directory.EnumerateDirectories(w).Where(IsFolder)).ToList();

    private static bool IsFolder(string path) => new DirectoryInfo(path).LinkTarget is null;

    private static void RemoveDanglingLinks(string store)
    {
        if (!Directory.Exists(store)) return;
        var links = Directory.EnumerateFileSystemEntries(store)
            .Concat(Directory.EnumerateDirectories(store).Where(IsFolder).SelectMany(Directory.EnumerateFileSystemEntries))
            .Where(e => new FileInfo(e).LinkTarget is not null && !Directory.Exists(e)).ToList();
        foreach (var link in links) new FileInfo(link).Delete();
    }

    // bash -e: a block fails at its first failing command, as a learner would stop there.
    private static (int Exit, string Output) Run(string script) => Run(script, BlockTimeout);

    private static (int Exit, string Output) Run(string script, TimeSpan timeout)
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
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            lock (output) return (-1, output + $"(killed after {timeout.TotalMinutes} min)");
        }
        process.WaitForExit();
        lock (output) return (process.ExitCode, output.ToString());
    }

    private static string Tail(string text, int lines) =>
        string.Join('\n', text.Split('\n').TakeLast(lines));
}
