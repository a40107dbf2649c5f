using Glomers.NodeRuntime.Loop;
using Glomers.NodeRuntime.Transport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Glomers.NodeRuntime.Hosting;

/// <summary>Runs a node class as a Maelstrom process: stdin/stdout for messages, stderr for logs.</summary>
public static class NodeHost
{
    /// <summary>
    /// Hosts <typeparamref name="TNode"/> until stdin ends or SIGTERM arrives. Arguments configure
    /// the node (<c>--seed N</c>, the node's own options) and logging (<c>--Logging:LogLevel:Default=Debug</c>).
    /// </summary>
    public static int Run<TNode>(string[] args) where TNode : class
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { Args = args });
        builder.Configuration.AddConfiguration(NodeFactory.Configuration(args));
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.ColorBehavior = LoggerColorBehavior.Disabled;
            o.TimestampFormat = "HH:mm:ss.fff ";
            o.UseUtcTimestamp = true;
        });
        // Stdout belongs to the protocol: every log level goes to stderr.
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        builder.Services.AddSingleton<IHostLifetime, Microsoft.Extensions.Hosting.Internal.ConsoleLifetime>();
        builder.Services.AddHostedService(sp => new NodeService(typeof(TNode), sp.GetRequiredService<IConfiguration>(),
            sp.GetRequiredService<ILoggerFactory>(), sp.GetRequiredService<IHostApplicationLifetime>()));
        try
        {
            using var host = builder.Build();
            host.Run();
            return Environment.ExitCode;
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"{typeof(TNode).Name} failed to start: {e.Message}");
            return 3;
        }
    }

    private sealed class NodeService(Type nodeClass, IConfiguration configuration, ILoggerFactory loggers, IHostApplicationLifetime lifetime)
        : IHostedService
    {
        private StdioTransport? transport;
        private ThreadEventLoop? loop;
        private Node? node;
        private object? instance;

        public Task StartAsync(CancellationToken cancellationToken)
        {
            var log = loggers.CreateLogger(nodeClass.Name);
            transport = new StdioTransport();
            loop = new ThreadEventLoop(e => log.LogError(e, "Unhandled error on the node loop"));
            var seed = configuration.GetValue<int?>("seed") ?? Random.Shared.Next();
            node = new Node(new NodeContext(transport, loop, TimeProvider.System, seed) { Logger = log });
            instance = NodeFactory.Create(nodeClass, node, configuration);
            node.Closed += lifetime.StopApplication;
            node.Start();
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken)
        {
            // Let the loop finish what is queued, then flush stdout.
            loop?.Post(() => node?.CancelPendingRpcs());
            loop?.Dispose();
            (instance as IDisposable)?.Dispose();
            transport?.Dispose();
            return Task.CompletedTask;
        }
    }
}
