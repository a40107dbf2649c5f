using Glomers.Harness.Checkers;
using Glomers.Harness.History;

namespace Glomers.Harness.Tests.Checkers;

public class ExceptionsCheckerTests
{
    [Fact]
    public void MalformedReplyAppearsWithNodeAndLine()
    {
        Finding[] findings =
        [
            new(2_000, "n2", "malformed-reply", "echo_ok without echo", """{"src":"n2","dest":"c4","body":{"type":"echo_ok"}}"""),
            new(1_000, "n0", "not-json", "unparseable line", "hello"),
            new(3_000, "n1", "malformed-reply", "echo_ok without echo", """{"src":"n1","dest":"c5","body":{"type":"echo_ok"}}"""),
        ];

        var result = new ExceptionsChecker().Check(new HistoryBuilder().Input(findings: findings));

        Assert.Equal(Validity.True, result.Valid);
        var groups = result.Details["exceptions"]!.AsArray();
        Assert.Equal(2, groups.Count);
        var malformed = groups[0]!;
        Assert.Equal("malformed-reply", malformed["class"]!.GetValue<string>());
        Assert.Equal(2, malformed["count"]!.GetValue<int>());
        Assert.Equal("""["n1","n2"]""", malformed["nodes"]!.ToJsonString());
        var first = malformed["examples"]![0]!;
        Assert.Equal("n2", first["node"]!.GetValue<string>());
        Assert.Equal("""{"src":"n2","dest":"c4","body":{"type":"echo_ok"}}""", first["line"]!.GetValue<string>());
    }

    [Fact]
    public void NoFindingsIsValidAndEmpty()
    {
        var result = new ExceptionsChecker().Check(new HistoryBuilder().Input());

        Assert.Equal(Validity.True, result.Valid);
        Assert.Empty(result.Details);
    }
}
