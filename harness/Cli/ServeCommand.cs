using System.Globalization;
using System.Net;
using Glomers.Harness.Core;
using Glomers.Harness.Reports;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Glomers.Harness.Cli;

/// <summary>
/// `glomers serve [--store DIR] [--port N] [--host ADDR]`: a local web server over a store. / lists the
/// runs, /runs/&lt;path&gt; serves a run's files (report.html is built on the fly for a run that has none),
/// /compare?run=A&amp;run=B shows two runs side by side. Only files under the store are served.
/// </summary>
public static class ServeCommand
{
    public const string Usage = "serve takes --store DIR (default ./store), --port N (default 8080; 0 picks a free one) and --host ADDR (default 127.0.0.1)";

    public static int Run(IReadOnlyList<string> args, TextWriter console)
    {
        var (store, host, port) = Parse(args);
        using var app = Start(store, host, port);
        console.WriteLine($"Serving {Path.GetFullPath(store)} on {Address(app)} (Ctrl+C stops)");
        app.WaitForShutdown();
        return 0;
    }

    public static (string Store, IPAddress Host, int Port) Parse(IReadOnlyList<string> args)
    {
        var store = "store";
        var host = IPAddress.Loopback;
        var port = 8080;
        for (var i = 0; i < args.Count; i++)
        {
            var (flag, inline) = args[i].Split('=', 2) is [var f, var v] && f.StartsWith("--", StringComparison.Ordinal) ? (f, v) : (args[i], null);
            string Value() => inline ?? (i + 1 < args.Count ? args[++i] : throw new BenchException($"{flag} needs a value"));
            switch (flag)
            {
                case "--store": store = Value(); break;
                case "--port":
                    var p = Value();
                    port = int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= 65535 ? n : throw new BenchException($"--port: '{p}' must be a port number (0 picks a free one)");
                    break;
                case "--host":
                    var h = Value();
                    host = IPAddress.TryParse(h, out var a) ? a : throw new BenchException($"--host: '{h}' must be an IP address such as 127.0.0.1");
                    break;
                default: throw new BenchException(Usage);
            }
        }
        if (!Directory.Exists(store)) throw new BenchException($"--store: no such folder '{store}'");
        return (store, host, port);
    }

    /// <summary>The server, started; its address is <see cref="Address"/>.</summary>
    public static WebApplication Start(string store, IPAddress host, int port)
    {
        var root = Path.GetFullPath(store);
        var index = new RunIndex(root);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(host, port));
        var app = builder.Build();
        app.MapGet("/", (string? workload, string? verdict) => Html(StorePages.Index(root, index.List(), workload, verdict)));
        app.MapGet("/runs.json", () => Results.Json(index.List()));
        app.MapGet("/compare", (HttpContext context) =>
        {
            var chosen = context.Request.Query["run"].OfType<string>().ToList();
            if (chosen.Count != 2) return Html("<!DOCTYPE html><p>Check two runs in the <a href=\"/\">list</a> to compare them.</p>", 400);
            var runs = new List<(RunEntry, RunFolder)>();
            var all = index.List();
            foreach (var c in chosen)
            {
                var entry = all.FirstOrDefault(e => e.Path == c);
                if (entry is null || Resolve(root, c) is not { } dir || !Directory.Exists(dir)) return Results.NotFound();
                runs.Add((entry, RunFolder.Load(dir)));
            }
            return Html(StorePages.Compare(runs));
        });
        app.MapGet("/runs/{**path}", (string? path, HttpContext context) => ServeRunPath(root, path ?? "", context));
        app.Start();
        return app;
    }

    public static string Address(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    private static IResult ServeRunPath(string root, string path, HttpContext context)
    {
        if (Resolve(root, path) is not { } full) return Results.NotFound();
        if (Directory.Exists(full))
        {
            if (!context.Request.Path.Value!.EndsWith('/')) return Results.Redirect(context.Request.Path.Value + "/");
            return Html(StorePages.Folder(Path.GetRelativePath(root, full), full));
        }
        if (File.Exists(full)) return Results.File(full, ContentType(full));
        // An older run, or one of Maelstrom's, has no report.html yet: it is built for this request.
        if (Path.GetFileName(full) == RunReport.FileName && Path.GetDirectoryName(full) is { } runDir && Directory.Exists(runDir))
        {
            try
            {
                return Html(RunReport.Build(RunFolder.Load(runDir), null));
            }
            catch (BenchException e)
            {
                return Html($"<!DOCTYPE html><p>{Svg.Escape(e.Message)}</p>", 404);
            }
        }
        return Results.NotFound();
    }

    /// <summary>The full path of <paramref name="relative"/> under the store, or null when it would leave it (../, an absolute path, a link out).</summary>
    public static string? Resolve(string root, string relative)
    {
        if (relative.Contains('\0') || relative.Contains('\\')) return null;
        var full = Path.GetFullPath(Path.Combine(root, relative.TrimStart('/')));
        var prefix = root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar;
        if (full != root && !full.StartsWith(prefix, StringComparison.Ordinal)) return null;
        // A link inside the store (store/latest) may only point inside it too.
        var real = RealPath(full);
        var realRoot = RealPath(root) ?? root;
        var realPrefix = realRoot.EndsWith(Path.DirectorySeparatorChar) ? realRoot : realRoot + Path.DirectorySeparatorChar;
        return real is null || real == realRoot || real.StartsWith(realPrefix, StringComparison.Ordinal) ? full : null;
    }

    /// <summary>The path with every link on the way followed; null when nothing is there.</summary>
    private static string? RealPath(string path)
    {
        if (!File.Exists(path) && !Directory.Exists(path)) return null;
        var parts = path.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        var current = Path.DirectorySeparatorChar.ToString();
        foreach (var part in parts)
        {
            current = Path.Combine(current, part);
            FileSystemInfo info = Directory.Exists(current) ? new DirectoryInfo(current) : new FileInfo(current);
            for (var hops = 0; info.LinkTarget is { } target && hops < 40; hops++)
            {
                current = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(current)!, target));
                info = Directory.Exists(current) ? new DirectoryInfo(current) : new FileInfo(current);
            }
        }
        return current;
    }

    private static IResult Html(string html, int status = 200) => Results.Content(html, "text/html; charset=utf-8", statusCode: status);

    private static string ContentType(string path) => Path.GetExtension(path) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".json" => "application/json",
        ".png" => "image/png",
        ".svg" => "image/svg+xml",
        ".gz" => "application/gzip",
        _ => "text/plain; charset=utf-8",
    };
}
