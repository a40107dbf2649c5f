using Glomers.NodeRuntime.Loop;
using Glomers.NodeRuntime.Transport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Glomers.NodeRuntime.Hosting;

/// <summary>Runs a node class as a Maelstrom process: stdin/stdout for messages, stderr for logs.</summary>
/// <remarks>
/// The process is a Microsoft.Extensions.Hosting host (configuration, logging, lifetime and
/// SIGTERM handling), kept lean on purpose: an empty builder and a one-line stderr logger instead
/// of the console logger, whose formatters and queue thread cost more start-up than the rest of the
/// host together. Start-up matters: Maelstrom starts every node at once and gives each 10 s to
/// answer init.
/// </remarks>
public static class NodeHost
{
    /// <summary>
    /// Hosts <typeparamref name="TNode"/> until stdin ends or SIGTERM/SIGINT arrives. Arguments configure
    /// the node (<c>--seed N</c>, the node's own options) and logging (<c>--Logging:LogLevel:Default=Debug</c>).
    /// </summary>
    public static int Run<TNode>(string[] args) where TNode : class
    {
        IHost host;
        try
        {
            var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
            builder.Configuration.AddConfiguration(NodeFactory.Configuration(args));
            var logs = new StderrLoggerProvider(minimum: LogLevelSetting(builder.Configuration));
            builder.Logging.AddProvider(logs);
            builder.Logging.SetMinimumLevel(logs.Minimum);
            builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
            builder.Services.AddSingleton<IHostLifetime, Microsoft.Extensions.Hosting.Internal.ConsoleLifetime>();
            builder.Services.AddHostedService(sp => new NodeService(typeof(TNode), builder.Configuration,
                logs.CreateLogger(typeof(TNode).Name), sp.GetRequiredService<IHostApplicationLifetime>()));
            host = builder.Build();
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"{typeof(TNode).Name} failed to start: {e.Message}");
            return 3;
        }
        using (host)
        {
            try
            {
                host.Run();
            }
            catch (Exception e)
            {
                Console.Error.WriteLine($"{typeof(TNode).Name} failed to start: {e.Message}");
                return 3;
            }
        }
        return 0;
    }

    private static LogLevel LogLevelSetting(IConfiguration configuration)
    {
        var text = configuration["Logging:LogLevel:Default"];
        return text is null ? LogLevel.Information
            : Enum.TryParse<LogLevel>(text, ignoreCase: true, out var level) ? level
            : throw new ArgumentException($"Bad setting Logging:LogLevel:Default '{text}'; use one of {string.Join(", ", Enum.GetNames<LogLevel>())}.");
    }

    /// <summary>Owns the node's transport and loop for the life of the host; input's end stops the host.</summary>
    private sealed class NodeService(Type nodeClass, IConfiguration configuration, ILogger log, IHostApplicationLifetime lifetime)
        : IHostedService
    {
        private StdioTransport? transport;
        private ThreadEventLoop? loop;
        private Node? node;
        private object? instance;

        public Task StartAsync(CancellationToken cancellationToken)
        {
            transport = new StdioTransport();
            loop = new ThreadEventLoop(e => log.LogError(e, "Unhandled error on the node loop"));
            var seed = configuration.GetValue<long?>("seed") ?? Random.Shared.NextInt64();
            node = new Node(new NodeContext(transport, loop, TimeProvider.System, seed) { Logger = log });
            instance = NodeFactory.Create(nodeClass, node, configuration);
            node.Closed += lifetime.StopApplication;
            node.Start();
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken)
        {
            // Let the loop finish what is queued, then flush stdout.
            if (node is not null) loop?.Post(node.CancelPendingRpcs);
            loop?.Dispose();
            (instance as IDisposable)?.Dispose();
            transport?.Dispose();
            return Task.CompletedTask;
        }
    }
}
