namespace Glomers.Course.Tests;

/// <summary>
/// A fenced shell block of the README marked to be run: <c>```sh runnable</c> (must exit 0) or
/// <c>```sh runnable exit=N</c> (must exit N, as a run of a broken node exits 1).
/// </summary>
public sealed record RunnableBlock(int Line, string Script, int ExpectedExit)
{
    private const string Fence = "```";

    /// <summary>The marked blocks of a markdown text, in order; <paramref name="Line"/> is the opening fence's, from 1.</summary>
    public static IReadOnlyList<RunnableBlock> Find(string markdown)
    {
        var blocks = new List<RunnableBlock>();
        var lines = markdown.Replace("\r\n", "\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith(Fence, StringComparison.Ordinal)) continue;
            var info = lines[i][Fence.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var start = i;
            var body = new List<string>();
            for (i++; i < lines.Length && !lines[i].StartsWith(Fence, StringComparison.Ordinal); i++) body.Add(lines[i]);
            if (i == lines.Length) throw new FormatException($"line {start + 1}: a fenced block is never closed");
            if (info is not ["sh" or "bash", "runnable", .. var rest]) continue;
            blocks.Add(new RunnableBlock(start + 1, string.Join('\n', body) + "\n", ExpectedExitOf(rest, start + 1)));
        }
        return blocks;
    }

    private static int ExpectedExitOf(string[] rest, int line) => rest switch
    {
        [] => 0,
        [var e] when e.StartsWith("exit=", StringComparison.Ordinal) && int.TryParse(e["exit=".Length..], out var n) => n,
        _ => throw new FormatException($"line {line}: after 'runnable' only 'exit=N' may follow, not '{string.Join(' ', rest)}'"),
    };
}
