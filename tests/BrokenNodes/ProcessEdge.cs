using Glomers.NodeRuntime;
using Glomers.NodeRuntime.Loop;
using Glomers.NodeRuntime.Transport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Glomers.BrokenNodes;

/// <summary>
/// The process around a broken node: stdio through the runtime's transport, plus the two things a
/// well-behaved node never needs and a broken one does: writing a raw line to stdout, and ending
/// the process with an exit code. It can also swallow an inbound line before the node sees it.
/// </summary>
public sealed class ProcessEdge : ITransport
{
    private readonly StdioTransport stdio = new();
    private readonly TaskCompletionSource<int> exit = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Decides, on the reader thread, whether an inbound line reaches the node at all.</summary>
    public Func<string, bool> Admit { get; set; } = _ => true;

    public void Start(Action<string> onLine, Action onClosed) =>
        stdio.Start(line => { if (Admit(line)) onLine(line); }, onClosed);

    public void Send(string line) => stdio.Send(line);

    /// <summary>Writes a line as is, JSON or not, after every line already sent.</summary>
    public void WriteRawLine(string line) => stdio.Send(line);

    /// <summary>Ends the process with <paramref name="code"/> once what was sent so far is written.</summary>
    public void Exit(int code) => exit.TrySetResult(code);

    public static int Run(string[] args)
    {
        // Stdout carries protocol lines only: every log level goes to stderr.
        using var loggers = LoggerFactory.Create(b =>
        {
            b.AddSimpleConsole(o => { o.SingleLine = true; o.ColorBehavior = LoggerColorBehavior.Disabled; });
            b.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        });
        var log = loggers.CreateLogger("BrokenNode");
        if (BrokenKinds.Parse(args, out var error) is not { } kind)
        {
            log.LogError("{Error}", error);
            return 2;
        }
        var edge = new ProcessEdge();
        var loop = new ThreadEventLoop(e => log.LogError(e, "Unhandled error on the node loop"));
        var node = new Node(new NodeContext(edge, loop, TimeProvider.System, Environment.ProcessId) { Logger = log });
        _ = new BrokenNode(node, kind, edge);
        node.Closed += () => edge.Exit(0);
        log.LogInformation("Running as {Kind}", kind);
        node.Start();
        var code = edge.exit.Task.GetAwaiter().GetResult();
        edge.stdio.Dispose();
        return code;
    }
}
