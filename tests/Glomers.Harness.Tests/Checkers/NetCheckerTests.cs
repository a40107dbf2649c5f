using Glomers.Harness.Checkers;
using Glomers.Harness.History;

namespace Glomers.Harness.Tests.Checkers;

public class NetCheckerTests
{
    private static IEnumerable<NetEvent> Delivered(long id, string src, string dest) =>
        [new(id, true, id, src, dest, "m"), new(id + 1, false, id, src, dest, "m")];

    [Fact]
    public void CountsSplitClientsFromServersAndDroppedMessagesAreSentOnly()
    {
        NetEvent[] journal =
        [
            .. Delivered(0, "c1", "n0"),
            .. Delivered(1, "n0", "c1"),
            .. Delivered(2, "n0", "n1"),
            new(3, true, 3, "n0", "n2", "gossip"), // dropped by a partition
            .. Delivered(4, "n1", "seq-kv"),
        ];
        var h = new HistoryBuilder().Nemesis("start-partition").Done(0, "broadcast", 1).Read(1);

        var result = new NetChecker().Check(h.Input(journal: journal));

        Assert.Equal(Validity.True, result.Valid);
        Assert.Equal(JsonText.Compact("""
            {"all":{"send-count":5,"recv-count":4,"msg-count":5,"msgs-per-op":2.5},
             "clients":{"send-count":2,"recv-count":2,"msg-count":2},
             "servers":{"send-count":3,"recv-count":2,"msg-count":3,"msgs-per-op":1.5}}
            """), result.Details.ToJsonString());
    }

    [Fact]
    public void NoInvocationsMeansNoMsgsPerOp()
    {
        var result = new NetChecker().Check(new HistoryBuilder().Input(journal: [.. Delivered(0, "n0", "n1")]));

        Assert.Equal("""{"send-count":1,"recv-count":1,"msg-count":1}""", result.Details["servers"]!.ToJsonString());
    }
}
