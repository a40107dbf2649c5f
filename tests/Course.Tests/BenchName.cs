namespace Glomers.Course.Tests;

/// <summary>
/// Commands of a markdown text's shell blocks (<c>```sh</c> or <c>```bash</c>, marked runnable or not)
/// that call the bench by a name a shell at the repository root does not know: a bare <c>glomers</c>,
/// which is not on PATH, or a variable such as <c>G</c> or <c>$G</c>. Every command names it <c>./glomers</c>.
/// </summary>
public static class BenchName
{
    private const string Fence = "```";
    private static readonly string[] WrongNames = ["glomers", "G", "$G", "${G}"];

    /// <summary>(line from 1, the line) of each command that starts with a wrong name.</summary>
    public static IReadOnlyList<(int Line, string Text)> Misnamed(string markdown)
    {
        var found = new List<(int, string)>();
        var lines = markdown.Replace("\r\n", "\n").Split('\n');
        var inShell = false;
        var inFence = false;
        var continued = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.StartsWith(Fence, StringComparison.Ordinal))
            {
                var info = line[Fence.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                inShell = !inFence && info is ["sh" or "bash", ..];
                inFence = !inFence;
                continued = false;
                continue;
            }
            if (!inShell) continue;
            // The words of a command after '\' go on the next line: that line starts no command.
            var startsCommand = !continued;
            continued = line.EndsWith('\\');
            if (!startsCommand) continue;
            var first = line.TrimStart().Split(' ', 2)[0];
            if (WrongNames.Contains(first, StringComparer.Ordinal)) found.Add((i + 1, line));
        }
        return found;
    }
}
