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
        var command = SweepCommand.ReplayCommand(["-w", "echo", "--bin", "a b/Echo", "--mode", "process", "--rate=5", "--", "--batch-ms", "5"], 42);

        Assert.Equal("glomers test -w echo --bin 'a b/Echo' --rate=5 --mode sim --seed 42 -- --batch-ms 5", command);
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
        Assert.Contains("--mode sim --seed 3", text);
    }

    [Fact]
    public void SweepOfACorrectNodeExitsValid()
    {
        var store = Directory.CreateTempSubdirectory("glomers-sweep").FullName;

        var exit = SweepCommand.Run(["-w", "echo", "--bin", SimBench.Bin("Echo"), "--seeds", "1-4", "--node-count", "2",
            "--time-limit", "2", "--store", store], TextWriter.Null);

        Assert.Equal(0, exit);
    }
}
