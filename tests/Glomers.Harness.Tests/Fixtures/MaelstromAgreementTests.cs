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

        public (MaelstromFixture Fixture, CheckCommand.Result Ours) Get(string name, string flags)
        {
            lock (done)
            {
                if (done.TryGetValue(name, out var d)) return d;
                var fixture = MaelstromFixture.Load(name);
                var (options, history) = CommandLine.ParseCheck([.. flags.Split(' '), fixture.HistoryPath, "--store", store]);
                return done[name] = (fixture, CheckCommand.Execute(options, history));
            }
        }

        public void Dispose() => Directory.Delete(store, recursive: true);
    }

    public static TheoryData<string, string> Fixtures => new()
    {
        { "echo", "-w echo --node-count 1 --time-limit 10" },
        { "ids", "-w unique-ids --time-limit 30 --rate 1000 --node-count 3 --availability total --nemesis partition" },
        { "3b", "-w broadcast --node-count 5 --time-limit 20 --rate 10" },
        { "3c", "-w broadcast --node-count 5 --time-limit 20 --rate 10 --nemesis partition" },
        { "3d", "-w broadcast --node-count 25 --time-limit 20 --rate 100 --latency 100" },
        { "3e", "-w broadcast --node-count 25 --time-limit 20 --rate 100 --latency 100" },
        { "4", "-w g-counter --node-count 3 --rate 100 --time-limit 20 --nemesis partition" },
        { "4pn", "-w pn-counter --node-count 5 --rate 100 --time-limit 20 --nemesis partition" },
    };

    private (MaelstromFixture Fixture, CheckCommand.Result Ours) Check(string name, string flags) => checkedFixtures.Get(name, flags);

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void TheVerdictIsMaelstroms(string name, string flags)
    {
        var (fixture, ours) = Check(name, flags);
        Assert.Equal(fixture.Results["valid?"]!.ToJsonString(), ours.Results["valid?"]!.ToJsonString());
        Assert.Equal(fixture.Results["valid?"]!.GetValue<bool>() ? Validity.True : Validity.False, ours.Valid);
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void TheStatsAndAvailabilityAreMaelstroms(string name, string flags)
    {
        var (fixture, ours) = Check(name, flags);
        AssertSame(JsonFigures.Differences(fixture.Results["stats"], ours.Results["stats"], "stats"));
        AssertSame(JsonFigures.Differences(fixture.Results["availability"], ours.Results["availability"], "availability"));
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void EveryWorkloadFigureIsMaelstroms(string name, string flags)
    {
        var (fixture, ours) = Check(name, flags);
        AssertSame(JsonFigures.Differences(fixture.Results["workload"], ours.Results["workload"], "workload"));
    }

    // perf and timeline are Maelstrom's graphs (always valid, nothing to compare); net needs the
    // message journal, which a history does not hold. notes says what was left out and why.
    [Theory]
    [MemberData(nameof(Fixtures))]
    public void OnlyTheGraphsAndTheNetFiguresAreMissing(string name, string flags)
    {
        var (fixture, ours) = Check(name, flags);
        Assert.Equal(["net", "perf", "timeline"], fixture.Results.Select(kv => kv.Key).Except(ours.Results.Select(kv => kv.Key)).Order());
        Assert.Equal(["notes"], ours.Results.Select(kv => kv.Key).Except(fixture.Results.Select(kv => kv.Key)));
        Assert.Empty(JsonFigures.Differences(fixture.Results["exceptions"], ours.Results["exceptions"]));
    }

    private static void AssertSame(List<string> differences) => Assert.True(differences.Count == 0, string.Join("\n", differences));
}
