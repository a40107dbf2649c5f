using Glomers.Harness.Cli;
using Glomers.Harness.Core;

try
{
    if (args.Length == 0 || args[0] is "--help" or "-h" or "help")
    {
        Console.WriteLine(CommandLine.Help);
        return args.Length == 0 ? 254 : 0;
    }
    return args[0] switch
    {
        "test" when args.Skip(1).Any(a => a is "--help" or "-h") => Help(args[1..]),
        "test" => TestCommand.Run(CommandLine.ParseTest(args[1..]), Console.Out),
        "sweep" when args.Skip(1).Any(a => a is "--help" or "-h") => Help(args[1..]),
        "sweep" => SweepCommand.Run(args[1..], Console.Out),
        "check" when args.Skip(1).Any(a => a is "--help" or "-h") => Help(args[1..]),
        "check" => CheckCommand.Run(args[1..], Console.Out),
        "summary" => SummaryCommand.Run(args[1..], Console.Out),
        "report" => ReportCommand.Run(args[1..], Console.Out),
        "serve" => ServeCommand.Run(args[1..], Console.Out),
        _ => throw new BenchException($"unknown command '{args[0]}' (commands: test, check, sweep, summary, report, serve; see glomers --help)"),
    };
}
catch (BenchException e)
{
    Console.Error.WriteLine($"glomers: {e.Message}");
    return 254;
}

static int Help(string[] args)
{
    Console.WriteLine(CommandLine.HelpFor(args));
    return 0;
}
