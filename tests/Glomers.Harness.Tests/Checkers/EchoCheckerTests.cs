using Glomers.Harness.Checkers;

namespace Glomers.Harness.Tests.Checkers;

public class EchoCheckerTests
{
    [Fact]
    public void MatchingEchoesAreValid()
    {
        var result = new HistoryBuilder().Done(0, "echo", "Please echo 1").Done(1, "echo", "Please echo 2").Check(new EchoChecker());

        Assert.Equal(Validity.True, result.Valid);
        Assert.Equal("[]", result.Details["errors"]!.ToJsonString());
    }

    [Fact]
    public void EchoMismatchIsAnError()
    {
        var result = new HistoryBuilder()
            .Done(0, "echo", "Please echo 1")
            .Invoke(1, "echo", "Please echo 2").Ok(1, "Please echo 3")
            .Check(new EchoChecker());

        Assert.Equal(Validity.False, result.Valid);
        Assert.Equal(
            """[["Expected a message with :echo","Please echo 2","But received",{"type":"echo_ok","echo":"Please echo 3"}]]""",
            result.Details["errors"]!.ToJsonString());
    }

    [Fact]
    public void TimedOutEchoCountsAsAnError()
    {
        var result = new HistoryBuilder().Invoke(0, "echo", "Please echo 7").Fail(0, "Please echo 7").Check(new EchoChecker());

        Assert.Equal(Validity.False, result.Valid);
        Assert.Equal(
            """[["Expected a message with :echo","Please echo 7","But received",{"type":"fail","error":"net-timeout"}]]""",
            result.Details["errors"]!.ToJsonString());
    }

    [Fact]
    public void NemesisOpsAreNotEchoes()
    {
        var result = new HistoryBuilder().Nemesis("start-partition").Done(0, "echo", "x").Nemesis("stop-partition").Check(new EchoChecker());

        Assert.Equal(Validity.True, result.Valid);
    }
}
