using Glomers.NodeRuntime.Hosting;
using Glomers.NodeRuntime.Tests.Fixtures;
using static Glomers.NodeRuntime.Tests.Fixtures.TestNode;

namespace Glomers.TxnKv.Tests;

public class TxnKvNodeTests
{
    private static TestNode Single()
    {
        var t = new TestNode();
        _ = new TxnKvNode(t.Node, new TxnKvOptions());
        return t.Init("n0");
    }

    private static string Txn(TestNode node, int msgId, string txn) =>
        Assert.Single(node.Deliver(Line("c1", "n0", $$"""{"type":"txn","msg_id":{{msgId}},"txn":{{txn}}}""")));

    [Fact]
    public void ATxnIsAnsweredAtOnceWithItsReadsFilledIn()
    {
        var node = Single();

        Assert.Contains("""{"type":"txn_ok","txn":[["w",1,1],["r",1,1],["r",2,null]]""", Txn(node, 5, """[["w",1,1],["r",1,null],["r",2,null]]"""));
        Assert.Contains("""{"type":"txn_ok","txn":[["r",1,1]]""", Txn(node, 6, """[["r",1,null]]"""));
    }

    [Theory]
    [InlineData("""[["w",1,2],["x",1,3]]""", """txn: micro-op 1 [\"x\",1,3] has an unknown function: only \"r\" and \"w\" are micro-ops""")]
    [InlineData("""[["w",1,2],["w",1]]""", """txn: micro-op 1 [\"w\",1] writes no value""")]
    [InlineData("""{"w":1}""", """txn: field 'txn' must be a list of micro-ops, got {\"w\":1}""")]
    [InlineData("7", "txn: field 'txn' must be a list of micro-ops, got 7")]
    public void BadInputIsRefusedWholeWithError12AndTheNodeKeepsServing(string txn, string text)
    {
        var node = Single();
        Txn(node, 5, """[["w",1,1]]""");

        Assert.Contains($$"""{"type":"error","code":12,"text":"{{text}}","msg_id":""", Txn(node, 6, txn));
        // Nothing of the refused txn took effect, and the acknowledged write is still there.
        Assert.Contains("""{"type":"txn_ok","txn":[["r",1,1]]""", Txn(node, 7, """[["r",1,null]]"""));
    }

    [Fact]
    public void AMissingTxnFieldIsRefused()
    {
        var node = Single();

        Assert.Contains("""{"type":"error","code":12,"text":"txn: field 'txn' must be a list of micro-ops, got null""", Txn(node, 5, "null"));
        Assert.Contains("\"code\":12", Assert.Single(node.Deliver(Line("c1", "n0", """{"type":"txn","msg_id":8}"""))));
    }

    [Fact]
    public void WritesReachThePeerInOneMessagePerPeriodAndIdlePeriodsSendNothing()
    {
        var t = new TestNode();
        _ = new TxnKvNode(t.Node, new TxnKvOptions { ReplicateMs = 100 });
        t.Init("n0", "n0", "n1");
        t.Deliver(
            Line("c1", "n0", """{"type":"txn","msg_id":5,"txn":[["w",1,1],["w",1,2]]}"""),
            Line("c1", "n0", """{"type":"txn","msg_id":6,"txn":[["r",1,null]]}"""),
            Line("c1", "n0", """{"type":"txn","msg_id":7,"txn":[["w",2,3]]}"""));

        var sent = t.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Equal(["""{"src":"n0","dest":"n1","body":{"type":"replicate","ack":0,"from":1,"txns":[[1,[1,2]],[2,[2,3]]],"msg_id":5}}"""], sent);
        // The peer confirms both; afterwards nothing more is due.
        t.Deliver(Line("n1", "n0", """{"type":"replicate","msg_id":1,"ack":2,"from":1,"txns":[]}"""));
        Assert.Empty(t.Advance(TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public void APeersWritesAreAppliedAndConfirmed()
    {
        var t = new TestNode();
        _ = new TxnKvNode(t.Node, new TxnKvOptions { ReplicateMs = 100 });
        t.Init("n0", "n0", "n1");
        t.Deliver(Line("n1", "n0", """{"type":"replicate","msg_id":1,"ack":0,"from":1,"txns":[[4,[1,9,2,8]]]}"""));

        Assert.Contains("""{"type":"txn_ok","txn":[["r",1,9],["r",2,8]]""",
            Assert.Single(t.Deliver(Line("c1", "n0", """{"type":"txn","msg_id":5,"txn":[["r",1,null],["r",2,null]]}"""))));
        Assert.Equal(["""{"src":"n0","dest":"n1","body":{"type":"replicate","ack":1,"from":1,"txns":[],"msg_id":3}}"""], t.Advance(TimeSpan.FromMilliseconds(100)));
    }

    [Fact]
    public void TxnKvNodeIsTheAssemblysNodeClass()
    {
        Assert.Equal(typeof(TxnKvNode), NodeFactory.FindNodeClass(typeof(TxnKvNode).Assembly));
    }
}
