using System.Collections.Concurrent;
using System.Diagnostics;
using Glomers.Harness.Cli;
using Glomers.Harness.Core;
using Glomers.Harness.Network;

namespace Glomers.Harness.Nodes;

/// <summary>
/// The nodes as child processes, exactly as Maelstrom runs them: one process per node, messages on
/// stdin and stdout, stderr saved to node-logs/&lt;node&gt;.log. Every child is gone when this is disposed,
/// and when the bench itself exits or is interrupted.
/// </summary>
public sealed class ProcessCluster : INodeCluster
{
    private readonly List<ProcessNode> nodes;
    private readonly string logDirectory;

    public ProcessCluster(TestOptions options, Scheduler scheduler, SimNetwork network, string logDirectory)
    {
        this.logDirectory = logDirectory;
        nodes = [.. options.NodeIds.Select(id => new ProcessNode(id, options, scheduler, network,
            Path.Combine(logDirectory, $"{id}.log"), (n, why) => NodeStopped?.Invoke(n, why)))];
    }

    public IReadOnlyList<IEndpoint> Nodes => nodes;

    /// <summary>The operating-system ids of the node processes started so far, so callers can check none outlives the run.</summary>
    public IReadOnlyList<int> ProcessIds => [.. nodes.Select(n => n.ProcessId).OfType<int>()];

    public event Action<string, string>? NodeStopped;

    public void Start()
    {
        Directory.CreateDirectory(logDirectory);
        foreach (var node in nodes) node.Start();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in nodes) node.CloseInput();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(3);
        foreach (var node in nodes) await node.WaitOrKillAsync(deadline);
    }
}

/// <summary>One node process and the three threads that pump its pipes.</summary>
internal sealed class ProcessNode(string id, TestOptions options, Scheduler scheduler, SimNetwork network, string logPath,
    Action<string, string> stopped) : IEndpoint
{
    private readonly BlockingCollection<string> stdin = new(new ConcurrentQueue<string>());
    private Process? process;
    private volatile bool stopping;
    private volatile bool exited;

    public string Id { get; } = id;

    public int? ProcessId { get; private set; }

    public void Start()
    {
        var info = new ProcessStartInfo
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new System.Text.UTF8Encoding(false),
            StandardOutputEncoding = new System.Text.UTF8Encoding(false),
            StandardErrorEncoding = new System.Text.UTF8Encoding(false),
        };
        if (options.Bin.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        {
            info.FileName = "dotnet";
            info.ArgumentList.Add(options.Bin);
        }
        else
        {
            info.FileName = options.Bin;
        }
        foreach (var a in options.BinArgs) info.ArgumentList.Add(a);
        try
        {
            process = Process.Start(info) ?? throw new BenchException($"could not start {options.Bin}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new BenchException($"--bin: could not start '{options.Bin}': {e.Message}");
        }
        ProcessId = process.Id;
        ChildProcesses.Track(process);
        Thread(PumpStdin, "stdin");
        Thread(PumpStdout, "stdout");
        Thread(PumpStderr, "stderr");
    }

    public void Deliver(Envelope message)
    {
        if (exited) return;
        try { stdin.Add(message.Line); }
        catch (InvalidOperationException) { /* input already closed at teardown */ }
    }

    public void CloseInput()
    {
        stopping = true;
        stdin.CompleteAdding();
    }

    public async Task WaitOrKillAsync(DateTime deadline)
    {
        if (process is null) return;
        var left = deadline - DateTime.UtcNow;
        using var cts = new CancellationTokenSource(left > TimeSpan.Zero ? left : TimeSpan.Zero);
        try
        {
            await process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            await process.WaitForExitAsync().ConfigureAwait(false);
        }
        ChildProcesses.Forget(process);
    }

    private void PumpStdin()
    {
        var writer = process!.StandardInput;
        writer.AutoFlush = false;
        try
        {
            foreach (var line in stdin.GetConsumingEnumerable())
            {
                writer.Write(line);
                writer.Write('\n');
                while (stdin.TryTake(out var more))
                {
                    writer.Write(more);
                    writer.Write('\n');
                }
                writer.Flush();
            }
            writer.Close();
        }
        catch (IOException)
        {
            // The node closed its stdin or died; its exit is reported by the stdout pump.
        }
    }

    private void PumpStdout()
    {
        var reader = process!.StandardOutput;
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0) continue;
            scheduler.Post(() => network.SendLine(Id, line));
        }
        process.WaitForExit();
        exited = true;
        if (!stopping)
        {
            var code = process.ExitCode;
            scheduler.Post(() => stopped(Id, $"exited with code {code}"));
        }
    }

    private void PumpStderr()
    {
        using var log = new StreamWriter(logPath, append: false) { AutoFlush = true };
        var reader = process!.StandardError;
        while (reader.ReadLine() is { } line)
        {
            log.WriteLine(line);
            if (options.LogStderr) Console.Error.WriteLine($"{Id} | {line}");
        }
    }

    private void Thread(ThreadStart body, string name) =>
        new Thread(body) { IsBackground = true, Name = $"{Id}-{name}" }.Start();
}

/// <summary>Every child the bench started, so none outlives it: killed at exit and on Ctrl+C.</summary>
internal static class ChildProcesses
{
    private static readonly ConcurrentDictionary<int, Process> Live = new();

    static ChildProcesses()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();
        Console.CancelKeyPress += (_, _) => KillAll();
    }

    public static void Track(Process p) => Live[p.Id] = p;

    public static void Forget(Process p) => Live.TryRemove(p.Id, out _);

    public static void KillAll()
    {
        foreach (var p in Live.Values)
        {
            try { p.Kill(entireProcessTree: true); } catch (Exception) { /* already gone */ }
        }
        Live.Clear();
    }
}
