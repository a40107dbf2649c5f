namespace Glomers.Course.Tests;

public class RunnableBlockTests
{
    [Fact]
    public void OnlyMarkedShellBlocksAreFoundWithTheirLineAndExpectedExit()
    {
        var markdown = string.Join('\n',
            "# Title",
            "```sh",
            "not marked",
            "```",
            "```sh runnable",
            "./glomers --help",
            "echo two",
            "```",
            "```csharp runnable",
            "var x = 1;",
            "```",
            "```sh runnable exit=1",
            "false",
            "```");

        var blocks = RunnableBlock.Find(markdown);

        Assert.Equal(
            [new RunnableBlock(5, "./glomers --help\necho two\n", 0), new RunnableBlock(12, "false\n", 1)],
            blocks);
    }

    [Theory]
    [InlineData("```sh runnable\nls\n", "line 1: a fenced block is never closed")]
    [InlineData("```sh runnable quickly\nls\n```", "line 1: after 'runnable' only 'exit=N' may follow, not 'quickly'")]
    [InlineData("text\n```sh runnable exit=one\nls\n```", "line 2: after 'runnable' only 'exit=N' may follow, not 'exit=one'")]
    public void AMalformedBlockIsNamedByItsLine(string markdown, string message) =>
        Assert.Equal(message, Assert.Throws<FormatException>(() => RunnableBlock.Find(markdown)).Message);
}
