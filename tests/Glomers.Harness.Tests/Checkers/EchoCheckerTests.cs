using System.Text.Json.Nodes;
using Glomers.Harness.Checkers;

namespace Glomers.Harness.Tests.Checkers;

public class EchoCheckerTests
{
    // As Maelstrom records it, an ok echo's value is the whole reply body.
    private static JsonObject Reply(string echo, int msgId = 1) =>
        new() { ["type"] = "echo_ok", ["echo"] = echo, ["msg_id"] = msgId, ["in_reply_to"] = msgId };

    private static HistoryBuilder Echo(HistoryBuilder h, int process, string sent, string echoed) =>
        h.Invoke(process, "echo", sent).Ok(process, Reply(echoed));

    [Fact]
    public void MatchingEchoesAreValid()
    {
        var h = new HistoryBuilder();
        Echo(Echo(h, 0, "Please echo 1", "Please echo 1"), 1, "Please echo 2", "Please echo 2");
        var result = h.Check(new EchoChecker());

        Assert.Equal(Validity.True, result.Valid);
        Assert.Equal("[]", result.Details["errors"]!.ToJsonString());
    }

    [Fact]
    public void EchoMismatchIsAnErrorQuotingTheReplyBody()
    {
        var h = new HistoryBuilder();
        Echo(Echo(h, 0, "Please echo 1", "Please echo 1"), 1, "Please echo 2", "Please echo 3");
        var result = h.Check(new EchoChecker());

        Assert.Equal(Validity.False, result.Valid);
        Assert.Equal(
            """[["Expected a message with :echo","Please echo 2","But received",{"type":"echo_ok","echo":"Please echo 3","msg_id":1,"in_reply_to":1}]]""",
            result.Details["errors"]!.ToJsonString());
    }

    [Fact]
    public void AnOkValueThatIsTheBarePayloadIsNotAnEcho()
    {
        // Maelstrom compares the invocation's value with (:echo (:value completion)): a bare string has no :echo.
        var result = new HistoryBuilder().Invoke(0, "echo", "Please echo 5").Ok(0, "Please echo 5").Check(new EchoChecker());

        Assert.Equal(Validity.False, result.Valid);
        Assert.Equal("""[["Expected a message with :echo","Please echo 5","But received","Please echo 5"]]""", result.Details["errors"]!.ToJsonString());
    }

    // As Maelstrom does, a failed op is quoted by its value, which is the value it sent.
    [Fact]
    public void TimedOutEchoCountsAsAnError()
    {
        var result = new HistoryBuilder().Invoke(0, "echo", "Please echo 7").Fail(0, "Please echo 7").Check(new EchoChecker());

        Assert.Equal(Validity.False, result.Valid);
        Assert.Equal(
            """[["Expected a message with :echo","Please echo 7","But received","Please echo 7"]]""",
            result.Details["errors"]!.ToJsonString());
    }

    [Fact]
    public void NemesisOpsAreNotEchoes()
    {
        var h = new HistoryBuilder().Nemesis("start-partition");
        var result = Echo(h, 0, "x", "x").Nemesis("stop-partition").Check(new EchoChecker());

        Assert.Equal(Validity.True, result.Valid);
    }
}
