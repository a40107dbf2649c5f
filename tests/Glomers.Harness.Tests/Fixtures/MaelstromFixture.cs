using System.IO.Compression;
using System.Text.Json.Nodes;
using Glomers.Harness.History;
using Glomers.Harness.Reports;
using Glomers.Tests.Shared;

namespace Glomers.Harness.Tests.Fixtures;

/// <summary>
/// One run of real Maelstrom from ../shared/fixtures/maelstrom beside the repository: its history
/// (read by <see cref="HistoryFile"/>) and its results.edn (read by <see cref="Edn"/>, as JSON).
/// </summary>
public sealed record MaelstromFixture(string Name, string Directory, IReadOnlyList<Op> History, JsonObject Results)
{
    /// <summary>The fixtures folder; a missing one fails with the path that was looked at.</summary>
    public static string Root => root ??= FindRoot();

    private static string? root;

    public string HistoryPath => HistoryFileIn(Directory);

    public static MaelstromFixture Load(string name)
    {
        var dir = Path.Combine(Root, name);
        if (!System.IO.Directory.Exists(dir)) throw new DirectoryNotFoundException($"no fixture '{name}': {dir} does not exist");
        var history = HistoryFile.Read(HistoryFileIn(dir));
        var results = Edn.Parse(ReadText(FirstOf(dir, "results.edn.gz", "results.edn"))) as JsonObject
            ?? throw new InvalidDataException($"{dir}: results.edn is not a map");
        return new MaelstromFixture(name, dir, history, results);
    }

    private static string HistoryFileIn(string dir) => FirstOf(dir, "history.edn.gz", "history.edn");

    private static string FirstOf(string dir, params string[] names) =>
        names.Select(n => Path.Combine(dir, n)).FirstOrDefault(File.Exists)
        ?? throw new FileNotFoundException($"{dir} holds none of {string.Join(", ", names)}");

    private static string ReadText(string path)
    {
        using var file = File.OpenRead(path);
        using Stream stream = path.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static string FindRoot()
    {
        var dir = Path.GetFullPath(Path.Combine(BuiltBinaries.RepositoryRoot, "..", "shared", "fixtures", "maelstrom"));
        return System.IO.Directory.Exists(dir)
            ? dir
            : throw new DirectoryNotFoundException(
                $"the Maelstrom fixtures are not at {dir} (looked in ../shared/fixtures/maelstrom from the repository root {BuiltBinaries.RepositoryRoot}, found above {AppContext.BaseDirectory})");
    }
}
