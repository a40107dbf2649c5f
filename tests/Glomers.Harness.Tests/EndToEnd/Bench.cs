using Glomers.Tests.Shared;
using Glomers.Harness.Cli;

namespace Glomers.Harness.Tests.EndToEnd;

/// <summary>
/// Runs the whole bench in this process, as `glomers test` does, each run on its own thread. A few
/// runs go at once: they mostly wait on real time, but every node is a process to start on 2 cores.
/// </summary>
internal static class Bench
{
    private static readonly SemaphoreSlim Slots = new(2);
    private static readonly string StoreRoot = Path.Combine(Path.GetTempPath(), $"glomers-e2e-{Environment.ProcessId}");

    static Bench()
    {
        // Runs are kept for a look only when asked; results.json is in every failure message anyway.
        if (Environment.GetEnvironmentVariable("GLOMERS_KEEP_E2E_STORE") is null)
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                try { Directory.Delete(StoreRoot, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            };
    }

    /// <summary>Starts a run: bench flags first, then the node's own arguments after --.</summary>
    public static async Task<BenchRun> RunAsync(string[] flags, params string[] nodeArgs)
    {
        await Slots.WaitAsync();
        try
        {
            string[] args = [.. flags, "--store", StoreRoot, "--", .. nodeArgs];
            var options = CommandLine.ParseTest(args);
            var result = await Task.Factory.StartNew(() => TestCommand.Execute(options, null),
                CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            return new BenchRun(result);
        }
        finally
        {
            Slots.Release();
        }
    }

    /// <summary>A BrokenNodes run of one kind.</summary>
    public static Task<BenchRun> Broken(string kind, params string[] flags) =>
        RunAsync([.. flags, "--bin", BuiltBinaries.Path("BrokenNodes")], "--kind", kind);
}
