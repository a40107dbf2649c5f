using System.Text.Json.Nodes;
using Glomers.Harness.Checkers;

namespace Glomers.Harness.Tests.Checkers;

public class UniqueIdsCheckerTests
{
    private static HistoryBuilder Generate(HistoryBuilder h, int process, JsonNode id) => h.Invoke(process, "generate").Ok(process, id);

    [Fact]
    public void DistinctIdsAreValidWithTheirRange()
    {
        var h = new HistoryBuilder();
        Generate(h, 0, "n1-2");
        Generate(h, 1, "n0-9");
        Generate(h, 0, "n2-0");
        h.Invoke(1, "generate").Fail(1);

        var result = h.Check(new UniqueIdsChecker());

        Assert.Equal(Validity.True, result.Valid);
        Assert.Equal(
            """{"attempted-count":4,"acknowledged-count":3,"duplicated-count":0,"duplicated":{},"range":["n0-9","n2-0"]}""",
            result.Details.ToJsonString());
    }

    [Fact]
    public void DuplicateIdIsReported()
    {
        var h = new HistoryBuilder();
        foreach (var id in new long[] { 5, 3, 5, 10, 3, 5 }) Generate(h, 0, id);

        var result = h.Check(new UniqueIdsChecker());

        Assert.Equal(Validity.False, result.Valid);
        Assert.Equal(
            """{"attempted-count":6,"acknowledged-count":6,"duplicated-count":2,"duplicated":{"3":2,"5":3},"range":[3,10]}""",
            result.Details.ToJsonString());
    }

    [Fact]
    public void EqualObjectIdsWithKeysInAnotherOrderAreDuplicates()
    {
        var h = new HistoryBuilder();
        Generate(h, 0, JsonNode.Parse("""{"node":"n1","seq":1}""")!);
        Generate(h, 1, JsonNode.Parse("""{"seq":1,"node":"n1"}""")!);

        var result = h.Check(new UniqueIdsChecker());

        Assert.Equal(Validity.False, result.Valid);
        Assert.Equal(1, result.Details["duplicated-count"]!.GetValue<int>());
    }

    [Fact]
    public void OnlyTheTop48DuplicatesAreListed()
    {
        var h = new HistoryBuilder();
        for (var id = 0; id < 60; id++)
            for (var copy = 0; copy < (id == 59 ? 3 : 2); copy++)
                Generate(h, 0, id);

        var result = h.Check(new UniqueIdsChecker());

        var duplicated = result.Details["duplicated"]!.AsObject();
        Assert.Equal(60, result.Details["duplicated-count"]!.GetValue<int>());
        Assert.Equal(48, duplicated.Count);
        Assert.Equal(3, duplicated["59"]!.GetValue<int>());
        // Among equal counts Jepsen keeps the highest ids.
        Assert.True(duplicated.ContainsKey("12"));
        Assert.False(duplicated.ContainsKey("11"));
    }
}
