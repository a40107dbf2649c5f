using System.Diagnostics.CodeAnalysis;
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
    /// the node (<c>--seed N</c>) and logging (<c>--Logging:LogLevel:Default=Debug</c>).
    /// </summary>
    public static int Run<[DynamicallyAccessedMembers(NodeFactory.NodeMembers)] TNode>(string[] args) where TNode : class =>
        Run(typeof(TNode), null, args);

    /// <summary>Hosts a node whose constructor also takes <typeparamref name="TOptions"/>, bound from the arguments (<c>--batch-ms 200</c>).</summary>
    public static int Run<[DynamicallyAccessedMembers(NodeFactory.NodeMembers)] TNode,
        [DynamicallyAccessedMembers(NodeFactory.OptionsMembers)] TOptions>(string[] args) where TNode : class where TOptions : class =>
        Run(typeof(TNode), typeof(TOptions), args);

    private static int Run([DynamicallyAccessedMembers(NodeFactory.NodeMembers)] Type nodeClass,
        [DynamicallyAccessedMembers(NodeFactory.OptionsMembers)] Type? optionsClass, string[] args)
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
            var configuration = builder.Configuration;
            var seed = Seed(configuration);
            builder.Services.AddHostedService(sp => new NodeService(
                node => NodeFactory.Create(nodeClass, optionsClass, node, configuration), seed,
                logs.CreateLogger(nodeClass.Name), sp.GetRequiredService<IHostApplicationLifetime>()));
            host = builder.Build();
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"{nodeClass.Name} failed to start: {e.Message}");
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
                Console.Error.WriteLine($"{nodeClass.Name} failed to start: {e.Message}");
                return 3;
            }
        }
        return 0;
    }

    private static long Seed(IConfiguration configuration)
    {
        var text = configuration["seed"];
        return text is null ? Random.Shared.NextInt64()
            : OptionsBinder.TryParse(text, typeof(long), out var seed) && seed is long n ? n
            : throw new ArgumentException($"Bad setting seed '{text}': it must be an integer.");
    }

    private static LogLevel LogLevelSetting(IConfiguration configuration)
    {
        var text = configuration["Logging:LogLevel:Default"];
        return text is null ? LogLevel.Information
            : Enum.TryParse<LogLevel>(text, ignoreCase: true, out var level) ? level
            : throw new ArgumentException($"Bad setting Logging:LogLevel:Default '{text}'; use one of {string.Join(", ", Enum.GetNames<LogLevel>())}.");
    }

    /// <summary>Owns the node's transport and loop for the life of the host; input's end stops the host.</summary>
    private sealed class NodeService(Func<Node, object> create, long seed, ILogger log, IHostApplicationLifetime lifetime)
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
            node = new Node(new NodeContext(transport, loop, TimeProvider.System, seed) { Logger = log });
            instance = create(node);
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
