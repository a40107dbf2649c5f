namespace Glomers.Tests.Shared;

/// <summary>
/// Finds executables built beside this test assembly: artifacts/bin/&lt;project&gt;/&lt;config&gt;/&lt;assembly&gt;
/// under the repository root (the folder holding glomers.sln). Linked into every test project that runs built binaries.
/// </summary>
internal static class BuiltBinaries
{
#if DEBUG
    private const string Configuration = "debug";
#else
    private const string Configuration = "release";
#endif

    public static string RepositoryRoot { get; } = FindRoot();

    public static string Path(string project, string? assembly = null)
    {
        var file = System.IO.Path.Combine(RepositoryRoot, "artifacts", "bin", project, Configuration, assembly ?? project)
            + (OperatingSystem.IsWindows() ? ".exe" : "");
        return File.Exists(file) ? file : throw new FileNotFoundException($"{file} is not built; build glomers.sln first", file);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "glomers.sln"))) return dir.FullName;
        throw new InvalidOperationException($"no glomers.sln above {AppContext.BaseDirectory}");
    }
}
