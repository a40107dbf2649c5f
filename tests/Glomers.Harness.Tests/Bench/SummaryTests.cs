using System.Text.Json.Nodes;
using Glomers.Harness.Checkers;
using Glomers.Harness.Reports;

namespace Glomers.Harness.Tests.Bench;

public sealed class SummaryTests
{
    [Fact]
    public void ExceptionsLineCountsEachClass()
    {
        var results = JsonNode.Parse("""
            {"exceptions":{"valid?":true,"exceptions":[{"class":"malformed-message","count":3},{"class":"node-exited","count":1}]}}
            """)!.AsObject();
        Assert.Contains("exceptions  3 malformed-message, 1 node-exited (see results.json)", Summary.Lines(results, Validity.True, null));
    }

    [Fact]
    public void AbortComesFirstAndVerdictLast()
    {
        var lines = Summary.Lines(new JsonObject(), Validity.False, "init-failed: n0 did not answer init").ToList();
        Assert.Equal("Aborted: init-failed: n0 did not answer init", lines[0]);
        Assert.StartsWith("Verdict: INVALID", lines[^1]);
    }
}
