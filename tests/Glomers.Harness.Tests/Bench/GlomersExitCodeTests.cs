using Glomers.Tests.Shared;
using System.Diagnostics;
using Glomers.Harness.Tests.EndToEnd;

namespace Glomers.Harness.Tests.Bench;

/// <summary>The built `glomers` executable: a bench problem exits 254 with the reason on stderr.</summary>
public sealed class GlomersExitCodeTests
{
    private static (int Code, string Stderr) Glomers(params string[] args)
    {
        var info = new ProcessStartInfo(BuiltBinaries.Path("Glomers.Harness", "glomers")) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var p = Process.Start(info)!;
        var stderr = p.StandardError.ReadToEndAsync();
        p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stderr.Result);
    }

    [Fact]
    public void BadFlagValueExits254NamingTheFlag()
    {
        var (code, stderr) = Glomers("test", "-w", "echo", "--bin", BuiltBinaries.Path("Echo"), "--rate", "fast");
        Assert.Equal(254, code);
        Assert.Contains("--rate: 'fast'", stderr);
    }

    [Fact]
    public void BinThatCannotBeStartedExits254()
    {
        var store = Path.Combine(Path.GetTempPath(), $"glomers-exit-{Guid.NewGuid():N}");
        try
        {
            // A file that exists but is not a program: found by the parser, refused by the operating system.
            var notProgram = Path.Combine(BuiltBinaries.RepositoryRoot, "glomers.sln");
            var (code, stderr) = Glomers("test", "-w", "echo", "--bin", notProgram, "--time-limit", "1", "--store", store);
            Assert.Equal(254, code);
            Assert.Contains("could not start", stderr);
        }
        finally
        {
            if (Directory.Exists(store)) Directory.Delete(store, recursive: true);
        }
    }
}
