using System.Collections.Concurrent;
using System.Diagnostics;
using Glomers.Harness.Cli;
using Glomers.Harness.Core;
using Glomers.Harness.Faults;
using Glomers.Harness.Network;

namespace Glomers.Harness.Nodes;

/// <summary>
/// The nodes as child processes, exactly as Maelstrom runs them: one process per node, messages on
/// stdin and stdout, stderr saved to node-logs/&lt;node&gt;.log. Every child is gone when this is disposed,
/// and when the bench itself exits or is interrupted.
/// </summary>
public sealed class ProcessCluster : INodeCluster, INodeFaults
{
    private readonly List<ProcessNode> nodes;
    private readonly string logDirectory;

    public ProcessCluster(TestOptions options, Scheduler scheduler, Router network, string logDirectory)
    {
        this.logDirectory = logDirectory;
        nodes = [.. options.NodeIds.Select(id => new ProcessNode(id, options, scheduler, network,
            Path.Combine(logDirectory, $"{id}.log"), (n, why) => NodeStopped?.Invoke(n, why)))];
    }

    public IReadOnlyList<IEndpoint> Nodes => nodes;

    /// <summary>The operating-system ids of the node processes started so far, so callers can check none outlives the run.</summary>
    public IReadOnlyList<int> ProcessIds => [.. nodes.SelectMany(n => n.ProcessIds)];

    public event Action<string, string>? NodeStopped;

    public void Start()
    {
        Directory.CreateDirectory(logDirectory);
        foreach (var node in nodes) node.Start();
    }

    public void Pause(string node) => Get(node).Signal("STOP");

    public void Resume(string node) => Get(node).Signal("CONT");

    public void Kill(string node) => Get(node).Kill();

    public void Restart(string node) => Get(node).Restart();

    private ProcessNode Get(string node) => nodes.Find(n => n.Id == node) ?? throw new ArgumentException($"no node {node} in this cluster", nameof(node));

    public async ValueTask DisposeAsync()
    {
        foreach (var node in nodes.Where(n => n.Paused)) node.Signal("CONT");
        foreach (var node in nodes) node.CloseInput();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(3);
        foreach (var node in nodes) await node.WaitOrKillAsync(deadline);
    }
}

/// <summary>One node process and the three threads that pump its pipes.</summary>
internal sealed class ProcessNode(string id, TestOptions options, Scheduler scheduler, Router network, string logPath,
    Action<string, string> stopped) : IEndpoint
{
    private BlockingCollection<string> stdin = new(new ConcurrentQueue<string>());
    private Process? process;
    private volatile bool stopping;
    private volatile bool exited;
    private volatile bool killed;

    private int restarts;

    public string Id { get; } = id;

    private readonly List<int> startedIds = [];

    /// <summary>Every process started for this node, restarts included.</summary>
    public IReadOnlyList<int> ProcessIds => startedIds;

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
        Process started;
        try
        {
            started = Process.Start(info) ?? throw new BenchException($"could not start {options.Bin}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new BenchException($"--bin: could not start '{options.Bin}': {e.Message}");
        }
        process = started;
        startedIds.Add(started.Id);
        ChildProcesses.Track(started);
        var input = stdin;
        var append = restarts++ > 0;
        Thread(() => PumpStdin(started, input), "stdin");
        Thread(() => PumpStdout(started), "stdout");
        Thread(() => PumpStderr(started, append), "stderr");
    }

    /// <summary>Sends a signal with kill(1) (STOP to pause, CONT to resume); a node already gone is left alone.</summary>
    public bool Paused { get; private set; }

    public void Signal(string name)
    {
        // A dead process has nothing to stop: the one a restart starts runs.
        Paused = name == "STOP" && !exited;
        if (process is not { } p || exited || OperatingSystem.IsWindows()) return;
        try
        {
            using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-" + name, p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) } });
            kill?.WaitForExit();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No kill(1) on this system: the fault does nothing rather than stopping the bench.
        }
    }

    /// <summary>Kills the node for the nemesis: no exit finding, input dropped until <see cref="Restart"/>.</summary>
    public void Kill()
    {
        if (process is not { } p || exited) return;
        killed = true;
        exited = true;
        stdin.CompleteAdding();
        try { p.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        p.WaitForExit(5000);
        ChildProcesses.Forget(p);
    }

    public void Restart()
    {
        if (!killed) return;
        stdin = new(new ConcurrentQueue<string>());
        killed = false;
        exited = false;
        Start();
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

    private void PumpStdin(Process process, BlockingCollection<string> stdin)
    {
        var writer = process.StandardInput;
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

    private void PumpStdout(Process process)
    {
        var reader = process.StandardOutput;
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0) continue;
            scheduler.Post(() => { if (this.process == process) network.SendLine(Id, line); });
        }
        process.WaitForExit();
        if (this.process != process || killed) return;
        exited = true;
        if (!stopping)
        {
            var code = process.ExitCode;
            scheduler.Post(() => stopped(Id, $"exited with code {code}"));
        }
    }

    private void PumpStderr(Process process, bool append)
    {
        // Shared, so that a restarted node's log can open while the killed one's last lines drain.
        using var log = new StreamWriter(new FileStream(logPath, append ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.ReadWrite))
            { AutoFlush = true };
        var reader = process.StandardError;
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
