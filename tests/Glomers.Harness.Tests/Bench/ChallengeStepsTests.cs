using Glomers.Harness.Cli;
using Glomers.Harness.Faults;
using Glomers.Harness.Workloads;
using Glomers.Tests.Shared;

namespace Glomers.Harness.Tests.Bench;

/// <summary>challenge-steps.txt, the table maelstrom-tests.sh and the challenge tests read: every row is a test the bench accepts.</summary>
public sealed class ChallengeStepsTests
{
    private static readonly string Bin = typeof(ChallengeStepsTests).Assembly.Location;

    public static TheoryData<string> Steps() => [.. ChallengeSteps.All.Select(s => s.Name)];

    [Fact]
    public void TheTableHoldsEveryChallengeInTheCoursesOrder()
    {
        string[] challenges = ["1", "2", "3a", "3b", "3c", "3d", "3e", "4", "4pn", "5a", "5b", "5c", "6a", "6b", "6c"];

        Assert.Equal(challenges, ChallengeSteps.All.Select(s => s.Name).Where(challenges.Contains));
        Assert.Equal(ChallengeSteps.All.Count, ChallengeSteps.All.Select(s => s.Name).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Steps))]
    public void EachStepNamesAKnownWorkloadANodeAndFlagsTheBenchAccepts(string name)
    {
        var step = ChallengeSteps.Get(name);

        Assert.Contains(step.Workload, WorkloadCatalog.Names);
        Assert.True(File.Exists(Path.Combine(BuiltBinaries.RepositoryRoot, "nodes", step.Node, step.Node + ".csproj")), step.Node);
        var options = CommandLine.ParseTest([.. Words(step.Flags), "--bin", Bin]);
        Assert.Equal(step.Workload, options.Workload);
        WorkloadCatalog.Validate(WorkloadCatalog.Get(step.Workload), options);
        var sweep = CommandLine.ParseTest(["-w", step.Workload, .. Words(step.SweepRunFlags), "--bin", Bin]);
        Assert.Equal(step.SweepFaults.Length > 0 ? step.SweepFaults.Split(',').Order() : options.Nemesis.Order(), sweep.Nemesis.Order());
        Assert.All(sweep.Nemesis, f => Assert.Contains(f, FaultCatalog.Names));
    }

    [Fact]
    public void ASweepReplacesTheStepsNemesisAndAddsItsFlags()
    {
        var step = ChallengeSteps.Parse(["4|GCounter|-w g-counter --node-count 3 --nemesis partition --rate 100||kill,slow|--nemesis-interval 5"]).Single();

        Assert.Equal("g-counter", step.Workload);
        Assert.Equal("--node-count 3 --nemesis partition --rate 100", step.FlagsWithoutWorkload);
        Assert.Equal("--node-count 3 --rate 100 --nemesis kill,slow --nemesis-interval 5", step.SweepRunFlags);
    }

    [Fact]
    public void CommentsAndBlankLinesAreSkippedAndAShortRowIsRefused()
    {
        var steps = ChallengeSteps.Parse(["# step|node|flags", "", "  # indented", "1|Echo|-w echo"]);

        Assert.Equal(("1", "Echo", "", ""), (steps.Single().Name, steps.Single().Node, steps.Single().NodeArgs, steps.Single().SweepFaults));
        Assert.Throws<FormatException>(() => ChallengeSteps.Parse(["1|Echo"]));
    }

    private static string[] Words(string flags) => flags.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
