using System.Globalization;
using Glomers.Harness.Checkers;
using Glomers.Harness.Core;
using Glomers.Harness.Reports;

namespace Glomers.Harness.Cli;

/// <summary>
/// `glomers sweep ... --seeds 1-200`: the same test over many seeds, always in sim mode, several at
/// once (one scheduler and one thread per run: the only place the bench runs in parallel). Prints
/// one row per seed and, for each seed that did not pass, the command that replays it exactly.
/// Exit status: 0 all valid, 1 any invalid, 2 any unknown (and none invalid).
/// </summary>
public static class SweepCommand
{
    public static int Run(IReadOnlyList<string> args, TextWriter console)
    {
        var (seeds, workers, testArgs) = Split(args);
        var options = CommandLine.ParseTest(testArgs) with { Mode = RunMode.Sim };
        SimAssemblyCheck(options);
        console.WriteLine($"Sweeping {seeds.Count} seeds of {options.Workload} in sim mode on {workers} workers...");
        var probed = options.ProbeConvergenceMs > 0;
        console.WriteLine($"seed\t{SummaryCommand.Header}{(probed ? "\tconverge-ms" : "")}\twall-s");
        var results = new (Validity Valid, string Row, string? Directory)[seeds.Count];
        var next = -1;
        var printed = 0;
        var gate = new object();
        var threads = Enumerable.Range(0, Math.Min(workers, seeds.Count)).Select(_ => new Thread(() =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < seeds.Count)
            {
                results[i] = RunOne(options with { Seed = seeds[i] });
                lock (gate)
                {
                    // Rows in seed order as soon as every earlier seed is done.
                    while (printed < seeds.Count && results[printed].Row is not null) console.WriteLine(results[printed++].Row);
                }
            }
        }) { IsBackground = true, Name = "sweep" }).ToList();
        var wall = System.Diagnostics.Stopwatch.StartNew();
        foreach (var t in threads) t.Start();
        foreach (var t in threads) t.Join();
        var invalid = seeds.Where((_, i) => results[i].Valid == Validity.False).ToList();
        var unknown = seeds.Where((_, i) => results[i].Valid == Validity.Unknown).ToList();
        console.WriteLine($"{seeds.Count - invalid.Count - unknown.Count} valid, {invalid.Count} invalid, {unknown.Count} unknown " +
            $"in {wall.Elapsed.TotalSeconds:0.0} s ({seeds.Count / wall.Elapsed.TotalMinutes:0} seeds per minute)");
        foreach (var seed in invalid.Concat(unknown).Order())
            console.WriteLine("replay: " + ReplayCommand(options, seed));
        console.WriteLine("Index of seeds and run folders: " + WriteIndex(options, seeds, results));
        return invalid.Count > 0 ? 1 : unknown.Count > 0 ? 2 : 0;
    }

    /// <summary>The test command for one seed of the sweep: its flags, in sim mode, with that seed.</summary>
    public static string ReplayCommand(TestOptions sweep, long seed) => CommandText.Of(sweep with { Seed = seed, Mode = RunMode.Sim });

    private static (Validity, string, string?) RunOne(TestOptions options)
    {
        try
        {
            var result = TestCommand.Execute(options, null);
            // The row is read as results.json is read, from its text: numbers built in memory keep their own types.
            var stored = (System.Text.Json.Nodes.JsonObject)System.Text.Json.Nodes.JsonNode.Parse(result.Results.ToJsonString())!;
            var converge = options.ProbeConvergenceMs > 0 ? "\t" + ConvergenceCell(stored["convergence"]) : "";
            var row = $"{options.Seed}\t{SummaryCommand.Row(stored)}{converge}\t{result.Wall.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)}";
            return (result.Valid, row, result.Store.Directory);
        }
        catch (Exception e) when (e is BenchException or IOException or InvalidOperationException)
        {
            return (Validity.Unknown, $"{options.Seed}\tunknown\tbench error: {e.Message}", null);
        }
    }

    /// <summary>The probe's worst time after the heal, or "never" when some node never held everything.</summary>
    private static string ConvergenceCell(System.Text.Json.Nodes.JsonNode? convergence) =>
        convergence?["ms"] is { } ms ? ms.ToJsonString() : convergence is null ? "-" : "never";

    /// <summary>
    /// store/sweeps/&lt;workload&gt;-&lt;time&gt;.tsv: one line per seed with its verdict and run folder, so a
    /// seed of a sweep can be opened without searching the store by time.
    /// </summary>
    private static string WriteIndex(TestOptions options, IReadOnlyList<long> seeds, (Validity Valid, string Row, string? Directory)[] results)
    {
        var dir = Path.Combine(options.StoreRoot, "sweeps");
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, $"{options.Workload}-{DateTimeOffset.UtcNow:yyyyMMdd'T'HHmmss.fff}.tsv");
        using var w = new StreamWriter(path);
        w.WriteLine("# " + CommandText.Of(options with { Mode = RunMode.Sim }).Replace(" --seed " + options.Seed.ToString(CultureInfo.InvariantCulture), " --seed SEED", StringComparison.Ordinal));
        w.WriteLine("seed\tverdict\trun");
        for (var i = 0; i < seeds.Count; i++)
        {
            var verdict = results[i].Valid switch { Validity.True => "valid", Validity.False => "invalid", _ => "unknown" };
            w.WriteLine($"{seeds[i]}\t{verdict}\t{results[i].Directory ?? "-"}");
        }
        return path;
    }

    private static void SimAssemblyCheck(TestOptions options) => Nodes.SimAssembly.NodeClass(options.Bin);

    private static (List<long> Seeds, int Workers, List<string> TestArgs) Split(IReadOnlyList<string> args)
    {
        List<long>? seeds = null;
        var workers = Environment.ProcessorCount;
        var rest = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == "--")
            {
                rest.AddRange(args.Skip(i));
                break;
            }
            var (flag, value) = args[i].Split('=', 2) switch
            {
                [var f, var v] when f.StartsWith("--", StringComparison.Ordinal) => (f, (string?)v),
                _ => (args[i], null),
            };
            switch (flag)
            {
                case "--seeds":
                    seeds = ParseSeeds(value ?? Next(args, ref i, flag));
                    break;
                case "--workers":
                    var w = value ?? Next(args, ref i, flag);
                    workers = int.TryParse(w, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
                        ? n : throw new BenchException($"--workers: '{w}' must be a positive integer");
                    break;
                case "--seed":
                    throw new BenchException("sweep takes --seeds (a list or range such as 1-200), not --seed");
                case "--mode":
                    throw new BenchException("sweep always runs in sim mode and takes no --mode (run one seed in process mode with glomers test)");
                default:
                    rest.Add(args[i]);
                    break;
            }
        }
        return (seeds ?? throw new BenchException("sweep needs --seeds, e.g. --seeds 1-200 or --seeds 3,17,40"), workers, rest);
    }

    /// <summary>"1-200", "3,17,40", or a mix such as "1-10,42".</summary>
    public static List<long> ParseSeeds(string text)
    {
        var seeds = new List<long>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var dash = part.IndexOf('-', 1);
            if (dash < 0 && long.TryParse(part, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var one))
            {
                seeds.Add(one);
            }
            else if (dash > 0 && long.TryParse(part[..dash], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var from)
                     && long.TryParse(part[(dash + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var to)
                     && from <= to && to - from < 1_000_000)
            {
                for (var s = from; s <= to; s++) seeds.Add(s);
            }
            else
            {
                throw new BenchException($"--seeds: '{part}' must be a seed or a range such as 1-200");
            }
        }
        return seeds.Count > 0 ? [.. seeds.Distinct()] : throw new BenchException("--seeds: no seeds given");
    }

    private static string Next(IReadOnlyList<string> args, ref int i, string flag) =>
        i + 1 < args.Count ? args[++i] : throw new BenchException($"{flag} needs a value");
}
