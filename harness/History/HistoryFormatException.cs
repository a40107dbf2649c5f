using Glomers.Harness.Core;

namespace Glomers.Harness.History;

/// <summary>A recorded history that cannot be read: names the file and, when it is one line's fault, the line (from 1).</summary>
public sealed class HistoryFormatException(string path, int? line, string reason)
    : BenchException(line is { } n ? $"{path}, line {n}: {reason}" : $"{path}: {reason}")
{
    public string Path { get; } = path;
    public int? Line { get; } = line;
    public string Reason { get; } = reason;
}
