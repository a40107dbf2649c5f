using Glomers.Harness.Checkers;

namespace Glomers.Harness.Tests.Checkers;

public class StatsCheckerTests
{
    [Fact]
    public void CountsCompletionsOverallAndPerF()
    {
        var result = new HistoryBuilder()
            .Nemesis("start-partition")
            .Done(0, "broadcast", 1)
            .Invoke(1, "broadcast", 2).Info(1)
            .Read(0)
            .Invoke(0, "read").Fail(0)
            .Nemesis("stop-partition")
            .Check(new StatsChecker());

        Assert.Equal(Validity.True, result.Valid);
        Assert.Equal(JsonText.Compact("""
            {"count":4,"ok-count":2,"fail-count":1,"info-count":1,"by-f":{
              "broadcast":{"valid?":true,"count":2,"ok-count":1,"fail-count":0,"info-count":1},
              "read":{"valid?":true,"count":2,"ok-count":1,"fail-count":1,"info-count":0}}}
            """), result.Details.ToJsonString());
    }

    [Fact]
    public void StatsAreInvalidWhenAnFNeverSucceeded()
    {
        var result = new HistoryBuilder()
            .Done(0, "add", 1)
            .Invoke(1, "read").Info(1)
            .Invoke(1, "read").Fail(1)
            .Check(new StatsChecker());

        Assert.Equal(Validity.False, result.Valid);
        Assert.False(result.Details["by-f"]!["read"]!["valid?"]!.GetValue<bool>());
    }

    [Fact]
    public void KafkaCrashOpsMayNeverSucceed()
    {
        var result = new HistoryBuilder().Done(0, "send", 1).Invoke(1, "crash").Info(1).Check(new StatsChecker());

        Assert.Equal(Validity.True, result.Valid);
        Assert.False(result.Details["by-f"]!["crash"]!["valid?"]!.GetValue<bool>());
    }
}
