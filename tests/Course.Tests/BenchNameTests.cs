namespace Glomers.Course.Tests;

public class BenchNameTests
{
    [Fact]
    public void ShellCommandsThatCallTheBenchByAnUnknownNameAreFoundByLine()
    {
        var markdown = string.Join('\n',
            "glomers test in prose is not a command",
            "```sh",
            "./glomers test -w echo \\",
            "  glomers-is-a-word-here",
            "glomers serve --store store",
            "G sweep -w echo",
            "  $G test -w echo",
            "```",
            "```",
            "glomers test ... (output, not a command)",
            "```",
            "```bash runnable",
            "dotnet run --project harness -- test",
            "glomers report store/latest",
            "```");

        Assert.Equal(
            [(5, "glomers serve --store store"), (6, "G sweep -w echo"), (7, "  $G test -w echo"), (14, "glomers report store/latest")],
            BenchName.Misnamed(markdown));
    }

    [Fact]
    public void EveryShellCommandOfTheReadmesNamesTheBenchAsTyped()
    {
        var root = Glomers.Tests.Shared.BuiltBinaries.RepositoryRoot;
        var readmes = new[] { Path.Combine(root, "README.md") }
            .Concat(Directory.EnumerateFiles(Path.Combine(root, "nodes"), "README.md", SearchOption.AllDirectories));
        var misnamed = readmes
            .SelectMany(f => BenchName.Misnamed(File.ReadAllText(f)).Select(m => $"{Path.GetRelativePath(root, f)}:{m.Line}: {m.Text}"))
            .ToList();
        Assert.True(misnamed.Count == 0, "name the bench ./glomers:\n" + string.Join('\n', misnamed));
    }
}
