using Glomers.Harness.Cli;
using Glomers.Harness.Core;
using Glomers.Harness.Workloads;

namespace Glomers.Harness.Tests.Bench;

/// <summary>The one list of workloads: what --help, the command line and the checkers read from each descriptor.</summary>
public sealed class WorkloadCatalogTests
{
    private static readonly string Bin = typeof(WorkloadCatalogTests).Assembly.Location;

    public static TheoryData<string> Names() => [.. WorkloadCatalog.Names];

    [Fact]
    public void TheCatalogHoldsMaelstromsWorkloadsOnce() =>
        Assert.Equal(["echo", "unique-ids", "broadcast", "g-set", "g-counter", "pn-counter", "kafka", "txn-rw-register", "lin-kv"], WorkloadCatalog.Names);

    [Theory]
    [MemberData(nameof(Names))]
    public void TheHelpListsEachWorkloadWithTheFlagsItReads(string name)
    {
        var w = WorkloadCatalog.Get(name);
        var lines = CommandLine.Help.Split('\n');
        var at = Array.FindIndex(lines, l => l.StartsWith("  " + name.PadRight(27) + w.Help.Split(' ')[0], StringComparison.Ordinal));

        Assert.True(at >= 0, $"no line for {name}");
        // Its flags follow its help, before the next workload.
        var block = lines.Skip(at + 1).TakeWhile(l => l.StartsWith("    ", StringComparison.Ordinal) || l.StartsWith(new string(' ', 29), StringComparison.Ordinal)).ToList();
        Assert.Equal(w.Flags.Select(f => $"{f.Name} {f.Value}"), block.Where(l => l.StartsWith("    --", StringComparison.Ordinal)).Select(l => l.Trim()[..(l.Trim().IndexOf("  ", StringComparison.Ordinal))]));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void TestWithAWorkloadAndHelpPrintsThatWorkloadsSectionOnly(string name)
    {
        var w = WorkloadCatalog.Get(name);
        var lines = CommandLine.HelpFor(["-w", name, "--help"]).Split('\n');
        var section = CommandLine.Help.Split('\n').SkipWhile(l => !l.StartsWith("  " + name.PadRight(27), StringComparison.Ordinal))
            .TakeWhile((l, i) => i == 0 || l.StartsWith("    ", StringComparison.Ordinal)).ToList();

        Assert.Equal($"Workload {name} (-w {name}), with the flags it reads besides the common ones:", lines[0]);
        Assert.Equal(section, lines[2..(2 + section.Count)]);
        Assert.Equal("Maelstrom's common flags, the faults of --nemesis and the bench's own flags: glomers --help", lines[^1]);
        Assert.Equal(3 + section.Count + 1, lines.Length);
        Assert.Equal(w.Flags.Count, lines.Count(l => l.StartsWith("    --", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-w", "no-such-workload", "--help")]
    public void HelpWithoutAKnownWorkloadIsTheWholeHelp(params string[] args) =>
        Assert.Equal(CommandLine.Help, CommandLine.HelpFor(args));

    [Fact]
    public void EveryWorkloadFlagIsWrittenBackIntoTheReplayCommandFromTheCatalog()
    {
        string[] values = ["line", "7", "3", "9", "serializable", "5"];
        Assert.Equal(WorkloadCatalog.Flags.Count, values.Length);
        var args = WorkloadCatalog.Flags.Zip(values).SelectMany(f => new[] { f.First.Name, f.Second });
        var options = CommandLine.ParseTest(["-w", "broadcast", "--bin", Bin, .. args, "--seed", "1"]);

        var text = CommandText.Of(options);

        Assert.All(WorkloadCatalog.Flags.Zip(values), f => Assert.Contains($" {f.First.Name} {f.Second} ", text));
        Assert.Equal(text, CommandText.Of(CommandLine.ParseTest(text.Split(' ')[2..])));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void ExactlyTheWorkloadsThatReadTheProbeFlagHaveASetToProbe(string name)
    {
        var w = WorkloadCatalog.Get(name);
        var options = CommandLine.ParseTest(["-w", name, "--bin", Bin, "--concurrency", "2n"]);

        Assert.Equal(w.Flags.Contains(WorkloadFlags.ProbeConvergence), WorkloadCatalog.Create(name, options).Convergence is not null);
    }

    [Fact]
    public void ABenchFlagAWorkloadDoesNotReadIsRefusedNamingThoseThatDo()
    {
        var options = CommandLine.ParseTest(["-w", "kafka", "--bin", Bin, "--probe-convergence", "10"]);

        var e = Assert.Throws<BenchException>(() => WorkloadCatalog.Create("kafka", options));
        Assert.Equal("--probe-convergence reads a set from every node: it works for broadcast and g-set, not kafka", e.Message);
    }

    [Fact]
    public void MaelstromsWorkloadFlagsAreAcceptedByEveryWorkloadAsMaelstromAcceptsThem()
    {
        var options = CommandLine.ParseTest(["-w", "echo", "--bin", Bin, "--topology", "line", "--key-count", "3", "--consistency-models", "serializable"]);

        Assert.Equal(("line", 3, "serializable"), (options.Topology, options.KeyCount, options.ConsistencyModels.Single()));
        Assert.NotNull(WorkloadCatalog.Create("echo", options));
    }

    [Fact]
    public void AnUnknownWorkloadIsRefusedWithTheKnownOnesListed()
    {
        var e = Assert.Throws<ArgumentException>(() => WorkloadCatalog.Get("txn-list-append"));

        Assert.Contains("unknown workload 'txn-list-append'; known workloads: echo, unique-ids, broadcast, g-set, g-counter, pn-counter, kafka, txn-rw-register, lin-kv", e.Message);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void EachTestGetsAFreshWorkloadForItsGeneratorsKeepState(string name)
    {
        var w = WorkloadCatalog.Get(name);
        var options = new TestOptions { Workload = name, Concurrency = 10 };

        Assert.NotSame(w.Create(options), w.Create(options));
    }
}
