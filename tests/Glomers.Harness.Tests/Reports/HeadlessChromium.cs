using System.Diagnostics;

namespace Glomers.Harness.Tests.Reports;

/// <summary>
/// Debian's chromium, headless, on a fresh profile with every background request turned off: the
/// DOM after the page's scripts ran (--dump-dom), or a screenshot, and the console messages the page
/// produced (Chromium logs each as an INFO:CONSOLE line on stderr).
/// </summary>
internal static class HeadlessChromium
{
    public const string InstallHint = "chromium is not installed: the browser tests need Debian's package (apt-get update && apt-get install -y chromium)";

    public sealed record Page(string Dom, IReadOnlyList<string> Console, string Stderr);

    public static string Executable()
    {
        foreach (var candidate in new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" })
            if (File.Exists(candidate)) return candidate;
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, "chromium")).FirstOrDefault(File.Exists);
        return onPath ?? throw new Xunit.Sdk.XunitException(InstallHint);
    }

    public static Page DumpDom(string url) => Run(url, "--dump-dom", "--virtual-time-budget=5000");

    public static Page Screenshot(string url, string png, int width, int height) =>
        Run(url, $"--screenshot={png}", $"--window-size={width},{height}", "--hide-scrollbars");

    private static Page Run(string url, params string[] extra)
    {
        var profile = Directory.CreateTempSubdirectory("glomers-chromium-").FullName;
        var info = new ProcessStartInfo(Executable())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[]
                 {
                     "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", $"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0",
                 })
            info.ArgumentList.Add(a);
        foreach (var a in extra) info.ArgumentList.Add(a);
        info.ArgumentList.Add(url);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(90)))
        {
            process.Kill(entireProcessTree: true);
            throw new Xunit.Sdk.XunitException($"chromium did not finish loading {url} within 90 s");
        }
        var err = stderr.Result;
        try
        {
            Directory.Delete(profile, recursive: true);
        }
        catch (IOException)
        {
            // A helper process may still hold a file for a moment; the temp folder is left.
        }
        var console = err.Split('\n').Where(l => l.Contains(":CONSOLE", StringComparison.Ordinal)).ToList();
        return new Page(stdout.Result, console, err);
    }
}
