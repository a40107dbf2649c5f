using System.Globalization;
using Glomers.Harness.Core;
using Glomers.Harness.Faults;
using Glomers.Harness.Workloads;

namespace Glomers.Harness.Cli;

/// <summary>Parses Maelstrom's test flags (and the bench's own) into <see cref="TestOptions"/>. Every mistake names the flag.</summary>
public static class CommandLine
{
    public static IReadOnlyList<string> KnownWorkloads => WorkloadCatalog.Names;

    private const string Usage = """
        glomers: a Maelstrom-compatible test bench for Maelstrom nodes

        Usage:
          glomers test -w WORKLOAD --bin PATH [flags] [-- args for the binary]
          glomers sweep -w WORKLOAD --bin PATH --seeds 1-200 [test flags] [-- args]
                                     many seeds in sim mode, in parallel; a table, and a replay
                                     command for each seed that fails
          glomers check -w WORKLOAD HISTORY [test flags]
                                     judge a recorded history (Maelstrom's history.edn or .edn.gz, or
                                     our history.jsonl) with the run's flags; stored as a test is
          glomers report RUN_DIR [--flow-window START-END]
                                     rebuild report.html of a stored run (ours or Maelstrom's)
          glomers serve [--store DIR] [--port N] [--host ADDR]
                                     browse, filter and compare the runs of a store at
                                     http://127.0.0.1:8080 (--port 0 picks a free port)
          glomers summary RUN_DIR [--no-header]
                                     the key figures of a stored run (ours or Maelstrom's), with
                                     a line naming the columns unless --no-header
          glomers --help
        """;

    private const string MaelstromFlags = """
        Maelstrom's flags (same meaning and defaults):
          -w, --workload NAME        workload to run (required)
          --bin PATH                 the node executable (a .dll runs under `dotnet`) (required)
          --node-count N             nodes n0..n(N-1) (default: 5 nodes, n1..n5)
          --time-limit SECONDS       length of the main phase (default 60)
          --rate R                   client operations per second, whole cluster (default 5; 0 = none)
          --concurrency N|Kn         client workers, or K per node (default 1n)
          --latency MS               mean network latency between nodes and to services (default 0)
          --latency-dist DIST        constant | uniform | exponential (default constant)
          --nemesis FAULTS           comma-separated faults:
        """;

    private const string CommonFlags = """
          --nemesis-interval SECONDS each fault starts when the main phase does, then stops and starts
                                     again after gaps uniform in [0, 2 x SECONDS] (default 10)
          --availability A           total, or the required fraction of ok operations in [0, 1]
          --log-stderr               echo nodes' stderr to the console
          --log-net-send             print every message sent
          --log-net-recv             print every message received

        The bench's own flags:
          --seed N                   seed for every random choice of the bench (default: random, printed)
          --mode process|sim         process: run the node binaries as processes (default);
                                     sim: load the node class from the .dll next to --bin and run the
                                     whole cluster in the bench on virtual time (same seed, same run)
          --recovery-time SECONDS    wait after healing before the final reads (default 10)
          --busy                     sim: the nodes run as on a busy machine for the whole run (a steady
                                     background load), with the costs and stalls below
          --slow-cost MS             busy machine (--busy, --nemesis slow): mean processing time of each
                                     message or timer a node handles and of each message it writes,
                                     exponential; a node's work waits its turn in order (default 0.3)
          --slow-stall MS            mean length of a stall, uniform in [0, 2 x MS] (default 300)
          --slow-stalls N            stalls per second of a node's own work, at random (default 3);
                                     the defaults match a 2-core machine beside a CPU hog
          --store DIR                where runs are saved (default ./store)
          --flow-window START-END    seconds of the run (as on report.html's time axes) whose message
                                     flow and process timeline report.html draws (default: the first
                                     2 s of the main phase)

        Sweep flags (glomers sweep takes every test flag but --seed and --mode; it always runs sim mode
        and writes store/sweeps/<workload>-<time>.tsv, the run folder of every seed):
          --seeds LIST               seeds to run: 1-200, 3,17,40 or a mix (required)
          --workers N                runs at once (default: the number of processors)

        Output: store/<workload>/<timestamp>/ with results.json, history.jsonl, messages.jsonl,
        node-logs/<node>.log, report.html, run.json; store/latest points at the newest run.
        Exit status: 0 valid, 1 invalid, 2 unknown, 254 bad command line, unreadable history or bench
        error (sweep: the worst seed).
        """;

    /// <summary>The text of glomers --help: the workloads, their flags and the faults come from their catalogs.</summary>
    public static string Help { get; } = string.Join("\n",
    [
        Usage, "",
        "Workloads (-w NAME), with the flags each reads besides the common ones:",
        .. WorkloadCatalog.All.SelectMany(WorkloadRows),
        "",
        MaelstromFlags,
        .. FaultCatalog.Help.SelectMany(f => Row(4, f.Name, f.Help)),
        CommonFlags,
    ]);

    /// <summary>
    /// The help of `glomers test|sweep|check ... --help`: with -w NAME of a known workload, that
    /// workload's section of --help and where the common flags are; otherwise the whole of --help.
    /// </summary>
    public static string HelpFor(IReadOnlyList<string> args)
    {
        string? name = null;
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] is "-w" or "--workload" && i + 1 < args.Count) name = args[i + 1];
            else if (args[i].StartsWith("--workload=", StringComparison.Ordinal)) name = args[i]["--workload=".Length..];
        }
        if (name is null || WorkloadCatalog.Find(name) is not { } workload) return Help;
        return string.Join("\n",
        [
            $"Workload {workload.Name} (-w {workload.Name}), with the flags it reads besides the common ones:", "",
            .. WorkloadRows(workload), "",
            "Maelstrom's common flags, the faults of --nemesis and the bench's own flags: glomers --help",
        ]);
    }

    /// <summary>A workload's lines of --help: its name and text, then the flags it reads.</summary>
    private static IEnumerable<string> WorkloadRows(WorkloadDescriptor w) =>
        [.. Row(2, w.Name, w.Help), .. w.Flags.SelectMany(f => Row(4, $"{f.Name} {f.Value}", f.Help))];

    /// <summary>A term and its text in --help's two columns, the text wrapped to lines of at most 100 characters.</summary>
    private static IEnumerable<string> Row(int indent, string term, string text)
    {
        const int column = 29, width = 100;
        var lines = new List<string>();
        foreach (var word in text.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (lines.Count > 0 && lines[^1].Length + 1 + word.Length <= width - column) lines[^1] += " " + word;
            else lines.Add(word);
        }
        var head = new string(' ', indent) + term;
        if (head.Length >= column - 1) yield return head;
        for (var i = 0; i < lines.Count; i++)
            yield return (i == 0 && head.Length < column - 1 ? head.PadRight(column) : new string(' ', column)) + lines[i];
    }

    public static TestOptions ParseTest(IReadOnlyList<string> args) => Parse(args, positional: null);

    /// <summary>`glomers check`: the test flags (no --bin needed) and the one history file.</summary>
    public static (TestOptions Options, string History) ParseCheck(IReadOnlyList<string> args)
    {
        var positional = new List<string>();
        var options = Parse(args, positional);
        return positional switch
        {
            [var history] => (options, history),
            [] => throw new BenchException("check needs a history: glomers check -w WORKLOAD HISTORY [test flags]"),
            _ => throw new BenchException($"check takes one history, not {positional.Count}: {string.Join(" ", positional)}"),
        };
    }

    /// <summary>With <paramref name="positional"/>, bare arguments are gathered there and --bin is optional.</summary>
    private static TestOptions Parse(IReadOnlyList<string> args, List<string>? positional)
    {
        var o = new TestOptions();
        string? concurrency = null;
        var nodeCountGiven = false;
        var seedGiven = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--")
            {
                o = o with { BinArgs = [.. args.Skip(i + 1)] };
                break;
            }
            string flag = arg, inline = "";
            var hasInline = false;
            if (arg.StartsWith("--", StringComparison.Ordinal) && arg.IndexOf('=') is var eq and > 0)
            {
                flag = arg[..eq];
                inline = arg[(eq + 1)..];
                hasInline = true;
            }
            string Value()
            {
                if (hasInline) return inline;
                if (i + 1 >= args.Count) throw new BenchException($"{flag} needs a value");
                return args[++i];
            }
            switch (flag)
            {
                case "-w" or "--workload":
                    var w = Value();
                    if (!KnownWorkloads.Contains(w))
                        throw new BenchException($"--workload: unknown or unsupported workload '{w}' (known: {string.Join(", ", KnownWorkloads)})");
                    o = o with { Workload = w };
                    break;
                case "--bin": o = o with { Bin = Value() }; break;
                case "--node-count": o = o with { NodeCount = FlagValues.PositiveInt(flag, Value()) }; nodeCountGiven = true; break;
                case "--time-limit": o = o with { TimeLimit = FlagValues.NonNegative(flag, Value()) }; break;
                case "--rate": o = o with { Rate = FlagValues.NonNegative(flag, Value()) }; break;
                case "--concurrency": concurrency = Value(); break;
                case "--latency": o = o with { LatencyMs = FlagValues.NonNegative(flag, Value()) }; break;
                case "--latency-dist":
                    o = o with
                    {
                        LatencyDist = Value() switch
                        {
                            "constant" => LatencyDist.Constant,
                            "uniform" => LatencyDist.Uniform,
                            "exponential" => LatencyDist.Exponential,
                            var d => throw new BenchException($"--latency-dist: '{d}' must be constant, uniform or exponential"),
                        },
                    };
                    break;
                case "--nemesis":
                    var faults = Value().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet();
                    foreach (var f in faults) FaultCatalog.Require(f);
                    o = o with { Nemesis = faults };
                    break;
                case "--nemesis-interval": o = o with { NemesisInterval = FlagValues.Positive(flag, Value()) }; break;
                case "--availability":
                    var a = Value();
                    if (a == "total") o = o with { Availability = 1.0, AvailabilityTotal = true };
                    else if (double.TryParse(a, NumberStyles.Float, CultureInfo.InvariantCulture, out var fa) && fa is >= 0 and <= 1)
                        o = o with { Availability = fa, AvailabilityTotal = false };
                    else throw new BenchException($"--availability: '{a}' must be 'total' or a number between 0 and 1");
                    break;
                case "--log-stderr": o = o with { LogStderr = true }; break;
                case "--log-net-send": o = o with { LogNetSend = true }; break;
                case "--log-net-recv": o = o with { LogNetRecv = true }; break;
                case "--seed":
                    var s = Value();
                    if (!long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed))
                        throw new BenchException($"--seed: '{s}' must be an integer");
                    o = o with { Seed = seed };
                    seedGiven = true;
                    break;
                case "--mode":
                    o = o with
                    {
                        Mode = Value() switch
                        {
                            "process" => RunMode.Process,
                            "sim" => RunMode.Sim,
                            var m => throw new BenchException($"--mode: '{m}' is not available (known: process, sim)"),
                        },
                    };
                    break;
                case "--recovery-time": o = o with { RecoveryTime = FlagValues.NonNegative(flag, Value()) }; break;
                case "--busy": o = o with { Busy = true }; break;
                case "--slow-cost": o = o with { Slow = o.Slow with { CostMs = FlagValues.NonNegative(flag, Value()) } }; break;
                case "--slow-stall": o = o with { Slow = o.Slow with { StallMs = FlagValues.NonNegative(flag, Value()) } }; break;
                case "--slow-stalls": o = o with { Slow = o.Slow with { StallsPerSecond = FlagValues.NonNegative(flag, Value()) } }; break;
                case "--store": o = o with { StoreRoot = Value() }; break;
                case "--flow-window": o = o with { FlowWindow = Reports.FlowWindow.Parse(Value()) }; break;
                case var named when WorkloadCatalog.Flags.FirstOrDefault(f => f.Name == named) is { } workloadFlag:
                    o = workloadFlag.Apply(o, Value());
                    break;
                case var bare when positional is not null && !bare.StartsWith('-'):
                    positional.Add(bare);
                    break;
                default:
                    throw new BenchException(arg.StartsWith('-') ? $"unknown flag {flag} (see glomers --help)" : $"unexpected argument '{arg}' (arguments for the binary go after --)");
            }
        }
        if (o.Workload.Length == 0) throw new BenchException($"--workload is required (known: {string.Join(", ", KnownWorkloads)})");
        if (positional is null && o.Bin.Length == 0) throw new BenchException("--bin is required: the node executable to test");
        if (positional is null && !File.Exists(o.Bin)) throw new BenchException($"--bin: no such file '{o.Bin}'");
        o = o with { NodeCountGiven = nodeCountGiven };
        if (o.Busy && o.Nemesis.Contains(SlowFault.Kind.Name))
            throw new BenchException("--busy keeps the nodes slow for the whole run; --nemesis slow would turn that on and off (use one of them)");
        o = o with { Concurrency = ParseConcurrency(concurrency ?? "1n", o.NodeCount) };
        if (!seedGiven) o = o with { Seed = Random.Shared.NextInt64(1, 1_000_000_000) };
        return o;
    }

    private static int ParseConcurrency(string value, int nodeCount)
    {
        if (value.EndsWith('n') && int.TryParse(value[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var k) && k > 0)
            return k * nodeCount;
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0) return n;
        throw new BenchException($"--concurrency: '{value}' must be a positive integer or Kn (K per node, e.g. 2n)");
    }
}
