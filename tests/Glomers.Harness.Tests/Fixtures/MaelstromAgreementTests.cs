using Glomers.Harness.Checkers;
using Glomers.Harness.Cli;

namespace Glomers.Harness.Tests.Fixtures;

/// <summary>
/// Our checkers, through `glomers check`, on the histories of real Maelstrom 0.2.5 runs of the
/// workloads the bench knows, against Maelstrom's own results.edn: verdict, stats, availability and
/// every figure of the workload checker. The flags are those the fixtures' README gives.
/// </summary>
public sealed class MaelstromAgreementTests(MaelstromAgreementTests.CheckedFixtures checkedFixtures)
    : IClassFixture<MaelstromAgreementTests.CheckedFixtures>
{
    /// <summary>Each fixture checked once for all the tests of the class, into one store removed at the end.</summary>
    public sealed class CheckedFixtures : IDisposable
    {
        private readonly string store = Directory.CreateTempSubdirectory("glomers-agreement-").FullName;
        private readonly Dictionary<string, (MaelstromFixture, CheckCommand.Result)> done = [];

        public (MaelstromFixture Fixture, CheckCommand.Result Ours) Get(string name)
        {
            lock (done)
            {
                if (done.TryGetValue(name, out var d)) return d;
                var fixture = MaelstromFixture.Load(name);
                var (options, history) = CommandLine.ParseCheck(fixture.CheckArgs(store));
                return done[name] = (fixture, CheckCommand.Execute(options, history));
            }
        }

        public void Dispose() => Directory.Delete(store, recursive: true);
    }

    // The workloads the bench checks today, run by real Maelstrom with the flags of the fixtures' README.
    public static TheoryData<string> Fixtures => new() { "echo", "ids", "3b", "3c", "3d", "3e", "4", "4pn" };

    private (MaelstromFixture Fixture, CheckCommand.Result Ours) Check(string name) => checkedFixtures.Get(name);

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void TheVerdictIsMaelstroms(string name)
    {
        var (fixture, ours) = Check(name);
        Assert.Equal(fixture.Results["valid?"]!.ToJsonString(), ours.Results["valid?"]!.ToJsonString());
        Assert.Equal(fixture.Results["valid?"]!.GetValue<bool>() ? Validity.True : Validity.False, ours.Valid);
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void TheStatsAndAvailabilityAreMaelstroms(string name)
    {
        var (fixture, ours) = Check(name);
        AssertSame(JsonFigures.Differences(fixture.Results["stats"], ours.Results["stats"], "stats"));
        AssertSame(JsonFigures.Differences(fixture.Results["availability"], ours.Results["availability"], "availability"));
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void EveryWorkloadFigureIsMaelstroms(string name)
    {
        var (fixture, ours) = Check(name);
        AssertSame(JsonFigures.Differences(fixture.Results["workload"], ours.Results["workload"], "workload"));
    }

    // perf and timeline are Maelstrom's graphs (always valid, nothing to compare); net needs the
    // message journal, which a history does not hold. notes says what was left out and why.
    [Theory]
    [MemberData(nameof(Fixtures))]
    public void OnlyTheGraphsAndTheNetFiguresAreMissing(string name)
    {
        var (fixture, ours) = Check(name);
        Assert.Equal(["net", "perf", "timeline"], fixture.Results.Select(kv => kv.Key).Except(ours.Results.Select(kv => kv.Key)).Order());
        Assert.Equal(["notes"], ours.Results.Select(kv => kv.Key).Except(fixture.Results.Select(kv => kv.Key)));
        Assert.Empty(JsonFigures.Differences(fixture.Results["exceptions"], ours.Results["exceptions"]));
    }

    private static void AssertSame(List<string> differences) => Assert.True(differences.Count == 0, string.Join("\n", differences));
}
