using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace Glomers.Tests.Processes;

/// <summary>
/// A built node executable running as a child process, spoken to as Maelstrom does: lines on
/// its stdin, lines read back from its stdout, its stderr kept apart as the log.
/// </summary>
internal sealed class NodeProcess : IDisposable
{
    private readonly Process process;
    private readonly BlockingCollection<string> stdout = new();
    private readonly StringBuilder stderr = new();
    private readonly Thread stdoutReader;

    private NodeProcess(string executable, string[] args)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = new UTF8Encoding(false),
            StandardErrorEncoding = new UTF8Encoding(false),
            UseShellExecute = false,
        };
        foreach (var a in args) start.ArgumentList.Add(a);
        process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executable}");
        process.StandardInput.AutoFlush = false;
        stdoutReader = new Thread(() =>
        {
            while (process.StandardOutput.ReadLine() is { } line) stdout.Add(line);
            stdout.CompleteAdding();
        }) { IsBackground = true, Name = "node-stdout" };
        stdoutReader.Start();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null) lock (stderr) stderr.AppendLine(e.Data);
        };
        process.BeginErrorReadLine();
    }

    /// <summary>Starts the executable that the project <paramref name="assembly"/> builds, in the tests' own configuration.</summary>
    public static NodeProcess Start(string assembly, params string[] args) => new(Executable(assembly), args);

    /// <summary>Starts the executable at <paramref name="path"/>, for example a published node.</summary>
    public static NodeProcess StartFile(string path, params string[] args) => new(path, args);

    public int Id => process.Id;

    public string Log
    {
        get { lock (stderr) return stderr.ToString(); }
    }

    public void Write(params string[] lines)
    {
        foreach (var line in lines)
        {
            process.StandardInput.Write(line);
            process.StandardInput.Write('\n');
        }
        process.StandardInput.Flush();
    }

    /// <summary>The next stdout line, or null when none came in <paramref name="timeout"/> or stdout closed.</summary>
    public string? ReadLine(TimeSpan timeout) => stdout.TryTake(out var line, timeout) ? line : null;

    /// <summary>Closes stdin, waits for the process to exit, and returns every stdout line not read yet.</summary>
    public IReadOnlyList<string> CloseAndReadToEnd(TimeSpan timeout)
    {
        process.StandardInput.Close();
        Assert.True(WaitForExit(timeout), $"node did not exit within {timeout.TotalSeconds} s of end of input");
        return RemainingLines(timeout);
    }

    public IReadOnlyList<string> RemainingLines(TimeSpan timeout)
    {
        Assert.True(stdoutReader.Join(timeout), "stdout did not close");
        return [.. stdout];
    }

    public bool WaitForExit(TimeSpan timeout)
    {
        if (!process.WaitForExit(timeout)) return false;
        process.WaitForExit(); // drains the redirected stderr
        return true;
    }

    public int ExitCode => process.ExitCode;

    /// <summary>Asks the process to stop as a supervisor would, with SIGTERM.</summary>
    public void Terminate()
    {
        if (Kill(process.Id, 15) != 0) throw new InvalidOperationException($"kill({process.Id}, SIGTERM) failed: errno {Marshal.GetLastPInvokeError()}");
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        process.Dispose();
    }

    private static string Executable(string assembly)
    {
        // Tests run from artifacts/bin/<TestProject>/<pivot>/; the node sits at artifacts/bin/<assembly>/<pivot>/.
        var testDir = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var pivot = testDir.Name;
        var bin = testDir.Parent?.Parent ?? throw new InvalidOperationException($"Unexpected test directory {testDir.FullName}");
        var path = Path.Combine(bin.FullName, assembly, pivot, OperatingSystem.IsWindows() ? assembly + ".exe" : assembly);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"The {assembly} executable is not at {path}; build the solution (dotnet build glomers.sln) first.", path);
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
