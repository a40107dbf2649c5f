namespace Glomers.Harness.Tests.Reports;

/// <summary>A fresh folder under the temp path, deleted with everything in it when the test is done.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("glomers-reports-").FullName;

    public static implicit operator string(TempFolder folder) => folder.Path;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A process that just exited may still hold a file for a moment: the folder stays in the temp path.
        }
    }
}
