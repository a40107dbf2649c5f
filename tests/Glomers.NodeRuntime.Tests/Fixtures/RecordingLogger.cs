using Microsoft.Extensions.Logging;

namespace Glomers.NodeRuntime.Tests.Fixtures;

/// <summary>Keeps every log entry, so a test can check that skipped input was reported.</summary>
internal sealed class RecordingLogger : ILogger
{
    private readonly List<(LogLevel Level, string Text)> entries = [];

    public IReadOnlyList<(LogLevel Level, string Text)> Entries
    {
        get { lock (entries) return [.. entries]; }
    }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (entries) entries.Add((logLevel, formatter(state, exception)));
    }
}
