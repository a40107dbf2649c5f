using System.Runtime.InteropServices;
using Glomers.NodeRuntime.Loop;
using Glomers.NodeRuntime.Transport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Glomers.NodeRuntime.Hosting;

/// <summary>Runs a node class as a Maelstrom process: stdin/stdout for messages, stderr for logs.</summary>
/// <remarks>
/// The process is wired by hand rather than through a generic host: building the host's
/// container and console logger cost about half of a node's start-up (time to init_ok), and a
/// node needs only configuration, a stderr log and a clean stop on end of input or SIGTERM.
/// </remarks>
public static class NodeHost
{
    /// <summary>
    /// Hosts <typeparamref name="TNode"/> until stdin ends or SIGTERM/SIGINT arrives. Arguments configure
    /// the node (<c>--seed N</c>, the node's own options) and logging (<c>--Logging:LogLevel:Default=Debug</c>).
    /// </summary>
    public static int Run<TNode>(string[] args) where TNode : class
    {
        using var stop = new ManualResetEventSlim();
        IConfiguration configuration;
        StderrLoggerProvider logs;
        ILogger log;
        try
        {
            configuration = NodeFactory.Configuration(args);
            logs = new StderrLoggerProvider(minimum: LogLevelSetting(configuration));
            log = logs.CreateLogger(typeof(TNode).Name);
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"{typeof(TNode).Name} failed to start: {e.Message}");
            return 3;
        }

        using (logs)
        using (PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop))
        using (PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop))
        {
            var transport = new StdioTransport();
            var loop = new ThreadEventLoop(e => log.LogError(e, "Unhandled error on the node loop"));
            object instance;
            Node node;
            try
            {
                var seed = configuration.GetValue<int?>("seed") ?? Random.Shared.Next();
                node = new Node(new NodeContext(transport, loop, TimeProvider.System, seed) { Logger = log });
                instance = NodeFactory.Create(typeof(TNode), node, configuration);
            }
            catch (Exception e)
            {
                log.LogCritical("{Node} failed to start: {Error}", typeof(TNode).Name, e.Message);
                loop.Dispose();
                transport.Dispose();
                return 3;
            }
            node.Closed += stop.Set;
            node.Start();
            stop.Wait();

            // Let the loop finish what is queued, then flush stdout.
            loop.Post(node.CancelPendingRpcs);
            loop.Dispose();
            (instance as IDisposable)?.Dispose();
            transport.Dispose();
        }
        return 0;

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Set();
        }
    }

    private static LogLevel LogLevelSetting(IConfiguration configuration)
    {
        var text = configuration["Logging:LogLevel:Default"];
        return text is null ? LogLevel.Information
            : Enum.TryParse<LogLevel>(text, ignoreCase: true, out var level) ? level
            : throw new ArgumentException($"Bad setting Logging:LogLevel:Default '{text}'; use one of {string.Join(", ", Enum.GetNames<LogLevel>())}.");
    }
}
