using System.IO.Compression;
using System.Text.Json.Nodes;
using Glomers.Harness.History;
using Glomers.Harness.Reports;
using Glomers.Tests.Shared;

namespace Glomers.Harness.Tests.Fixtures;

/// <summary>
/// One run of real Maelstrom from ../shared/fixtures/maelstrom beside the repository: its history
/// (read by <see cref="HistoryFile"/>), its results.edn (read by <see cref="Edn"/>, as JSON), and
/// the flags `maelstrom test` was given, from the fixtures' README table, without --bin and the
/// node's own arguments: what `glomers check` needs besides the history.
/// </summary>
public sealed record MaelstromFixture(string Name, string Directory, IReadOnlyList<Op> History, JsonObject Results, IReadOnlyList<string> Flags)
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
        return new MaelstromFixture(name, dir, history, results, FlagsOf(name));
    }

    /// <summary>The arguments of `glomers check` for this fixture: its flags, the history, and a store.</summary>
    public string[] CheckArgs(string store) => [.. Flags.Take(2), HistoryPath, .. Flags.Skip(2), "--store", store];

    // A README row: | name | `-w broadcast --bin Broadcast --node-count 5 ... -- --mode hub` | what the node did |
    private static string[] FlagsOf(string name)
    {
        var readme = Path.Combine(Root, "README.md");
        var row = File.ReadLines(readme).Select(l => l.Split('|', StringSplitOptions.TrimEntries))
            .FirstOrDefault(cells => cells.Length > 3 && cells[1] == name)
            ?? throw new InvalidDataException($"{readme} has no row for fixture '{name}'");
        var flags = row[2].Trim('`').Split(' ', StringSplitOptions.RemoveEmptyEntries).TakeWhile(f => f != "--").ToList();
        var bin = flags.IndexOf("--bin");
        if (bin >= 0) flags.RemoveRange(bin, 2);
        return flags is ["-w", _, ..] ? [.. flags] : throw new InvalidDataException($"{readme}: the flags of '{name}' do not start with -w: {row[2]}");
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
