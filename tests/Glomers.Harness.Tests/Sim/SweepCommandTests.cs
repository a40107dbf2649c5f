using Glomers.Harness.Cli;
using Glomers.Harness.Core;

namespace Glomers.Harness.Tests.Sim;

public class SweepCommandTests
{
    [Fact]
    public void SeedsAreRangesAndLists() => Assert.Equal([1L, 2, 3, 7], SweepCommand.ParseSeeds("1-3,7"));

    [Theory]
    [InlineData("")]
    [InlineData("5-1")]
    [InlineData("x")]
    public void BadSeedsAreRefused(string seeds) => Assert.Throws<BenchException>(() => SweepCommand.ParseSeeds(seeds));

    [Fact]
    public void ReplayCommandIsTheTestInSimModeWithTheSeed()
    {
        var bin = SimBench.Bin("Echo");
        var options = CommandLine.ParseTest(["-w", "echo", "--bin", bin, "--rate=7", "--seed", "3", "--", "--batch-ms", "5"]);

        Assert.Equal($"glomers test -w echo --bin {bin} --rate 7 --mode sim --seed 42 -- --batch-ms 5", SweepCommand.ReplayCommand(options, 42));
    }

    [Theory]
    [InlineData("--mode", "process")]
    [InlineData("--mode", "sim")]
    [InlineData("--seed", "4")]
    public void SweepRefusesFlagsThatFixOneRun(string flag, string value)
    {
        var e = Assert.Throws<BenchException>(() => SweepCommand.Run(["-w", "echo", "--bin", SimBench.Bin("Echo"), "--seeds", "1-2", flag, value], TextWriter.Null));
        Assert.Contains(flag, e.Message);
    }

    [Fact]
    public void SweepOfABrokenNodeExitsInvalidAndPrintsReplays()
    {
        var store = Directory.CreateTempSubdirectory("glomers-sweep").FullName;
        var output = new StringWriter();

        var exit = SweepCommand.Run(["-w", "g-counter", "--bin", SimBench.Bin("LocalCounter"), "--seeds", "1-3", "--node-count", "3",
            "--time-limit", "2", "--rate", "20", "--recovery-time", "1", "--store", store], output);

        Assert.Equal(1, exit);
        var text = output.ToString();
        Assert.Contains("0 valid, 3 invalid, 0 unknown", text);
        Assert.Contains("replay: glomers test -w g-counter --bin", text);
        Assert.Contains(" --mode sim --recovery-time 1 --store " + store + " --seed 3", text);
    }

    [Fact]
    public void SweepOfACorrectNodeExitsValid()
    {
        var store = Directory.CreateTempSubdirectory("glomers-sweep").FullName;

        var output = new StringWriter();
        var exit = SweepCommand.Run(["-w", "echo", "--bin", SimBench.Bin("Echo"), "--seeds", "1-4", "--node-count", "2",
            "--time-limit", "2", "--store", store], output);

        Assert.Equal(0, exit);
        // The index names each seed's own run folder, and each folder holds that seed's run.
        var index = Directory.GetFiles(Path.Combine(store, "sweeps"), "echo-*.tsv").Single();
        Assert.Contains(index, output.ToString());
        var rows = File.ReadAllLines(index).Where(l => !l.StartsWith('#')).Skip(1).Select(l => l.Split('\t')).ToList();
        Assert.Equal(["1", "2", "3", "4"], rows.Select(r => r[0]));
        Assert.All(rows, r => Assert.Equal("valid", r[1]));
        Assert.All(rows, r => Assert.Contains($"\"seed\":{r[0]},", File.ReadAllText(Path.Combine(r[2], "options.json")).Replace(" ", "")));
    }
}
