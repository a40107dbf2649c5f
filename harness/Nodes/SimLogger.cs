using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Glomers.Harness.Nodes;

/// <summary>
/// A sim node's log: what the process host would write to stderr, stamped with virtual time so
/// that one seed gives the same log. Goes to node-logs/&lt;node&gt;.log and, with --log-stderr, the console.
/// </summary>
public sealed class SimLogger(string node, TimeProvider time, TextWriter file, TextWriter? console, string category) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information && logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel)) return;
        var stamp = time.GetUtcNow().ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);
        var line = $"{stamp} {Glomers.NodeRuntime.Hosting.StderrLoggerProvider.Level(logLevel)}: {category}[{eventId.Id}] {formatter(state, exception)}";
        if (exception is not null) line += Environment.NewLine + exception;
        file.WriteLine(line);
        console?.WriteLine($"{node} | {line}");
    }
}
