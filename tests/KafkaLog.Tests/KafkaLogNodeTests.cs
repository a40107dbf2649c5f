using System.Text.Json.Nodes;
using Glomers.NodeRuntime.Hosting;
using Glomers.NodeRuntime.Tests.Fixtures;
using static Glomers.NodeRuntime.Tests.Fixtures.TestNode;

namespace Glomers.KafkaLog.Tests;

/// <summary>One node fed protocol lines: the reply schemas, bad input, and what a peer's sync makes visible.</summary>
public class KafkaLogNodeTests
{
    private static TestNode Node(string id = "n1", params string[] ids)
    {
        var t = new TestNode();
        _ = new KafkaLogNode(t.Node, new KafkaLogOptions());
        return t.Init(id, ids);
    }

    private static JsonObject Body(string line) => JsonNode.Parse(line)!["body"]!.AsObject();

    private static JsonObject Ask(TestNode t, string body) => Body(Assert.Single(t.Deliver(Line("c1", t.Node.Id, body))));

    [Fact]
    public void OneNodeAnswersEveryRequestWithItsSchema()
    {
        var t = Node();

        Assert.Equal(0, Ask(t, """{"type":"send","msg_id":2,"key":"9","msg":10}""")["offset"]!.GetValue<long>());
        Assert.Equal(1, Ask(t, """{"type":"send","msg_id":3,"key":"9","msg":11}""")["offset"]!.GetValue<long>());
        Assert.Equal(0, Ask(t, """{"type":"send","msg_id":4,"key":"8","msg":12}""")["offset"]!.GetValue<long>());

        var poll = Ask(t, """{"type":"poll","msg_id":5,"offsets":{"9":1,"8":0,"7":0}}""");
        Assert.Equal("""{"type":"poll_ok","msgs":{"9":[[1,11]],"8":[[0,12]]},"in_reply_to":5}""", Without(poll, "msg_id"));

        Assert.Equal("commit_offsets_ok", Ask(t, """{"type":"commit_offsets","msg_id":6,"offsets":{"9":1}}""")["type"]!.GetValue<string>());
        Assert.Equal("commit_offsets_ok", Ask(t, """{"type":"commit_offsets","msg_id":7,"offsets":{"9":0}}""")["type"]!.GetValue<string>());
        var listed = Ask(t, """{"type":"list_committed_offsets","msg_id":8,"keys":["9","8"]}""");
        Assert.Equal("""{"type":"list_committed_offsets_ok","offsets":{"9":1},"in_reply_to":8}""", Without(listed, "msg_id"));
    }

    [Theory]
    [InlineData("""{"type":"send","msg_id":2,"msg":1}""", "send: missing field 'key'")]
    [InlineData("""{"type":"send","msg_id":2,"key":"9"}""", "send: missing field 'msg'")]
    [InlineData("""{"type":"send","msg_id":2,"key":9,"msg":1}""", "send: field 'key' must be a string, got 9")]
    [InlineData("""{"type":"poll","msg_id":2,"offsets":{"9":"zero"}}""", "poll: offset of key '9' must be a non-negative integer, got \"zero\"")]
    [InlineData("""{"type":"poll","msg_id":2,"offsets":{"9":1.5}}""", "poll: offset of key '9' must be a non-negative integer, got 1.5")]
    [InlineData("""{"type":"poll","msg_id":2,"offsets":[0]}""", "poll: field 'offsets' must be a map of keys to offsets, got [0]")]
    [InlineData("""{"type":"commit_offsets","msg_id":2,"offsets":{"9":-1}}""", "commit_offsets: offset of key '9' must be a non-negative integer, got -1")]
    [InlineData("""{"type":"list_committed_offsets","msg_id":2,"keys":[1]}""", "list_committed_offsets: keys must be strings, got 1")]
    public void BadInputIsMalformedAndChangesNothing(string request, string text)
    {
        var t = Node();
        Ask(t, """{"type":"send","msg_id":1,"key":"9","msg":10}""");

        var error = Ask(t, request);

        Assert.Equal(12, error["code"]!.GetValue<int>());
        Assert.Equal(text, error["text"]!.GetValue<string>());
        Assert.Equal(1, Ask(t, """{"type":"send","msg_id":3,"key":"9","msg":11}""")["offset"]!.GetValue<long>());
        Assert.Equal("""{"9":[[0,10],[1,11]]}""", Ask(t, """{"type":"poll","msg_id":4,"offsets":{"9":0}}""")["msgs"]!.ToJsonString());
        Assert.Equal("""{}""", Ask(t, """{"type":"list_committed_offsets","msg_id":5,"keys":["9"]}""")["offsets"]!.ToJsonString());
    }

    [Fact]
    public void ACommitForAKeyNeverWrittenIsKept()
    {
        var t = Node();

        Assert.Equal("commit_offsets_ok", Ask(t, """{"type":"commit_offsets","msg_id":2,"offsets":{"never":3}}""")["type"]!.GetValue<string>());
        Assert.Equal("""{"never":3}""", Ask(t, """{"type":"list_committed_offsets","msg_id":3,"keys":["never"]}""")["offsets"]!.ToJsonString());
    }

    [Fact]
    public void OwnSendIsReadableOnlyAfterThePeerPromisedTheSlotsBelowIt()
    {
        var t = Node("n1", "n1", "n2");
        Assert.Equal(0, Ask(t, """{"type":"send","msg_id":2,"key":"9","msg":10}""")["offset"]!.GetValue<long>());
        Assert.Equal(2, Ask(t, """{"type":"send","msg_id":3,"key":"9","msg":11}""")["offset"]!.GetValue<long>());

        // Offset 0 is final at once (n2 writes only odd offsets), but n2 may still write offset 1.
        Assert.Equal("""{"9":[[0,10]]}""", Ask(t, """{"type":"poll","msg_id":4,"offsets":{"9":0}}""")["msgs"]!.ToJsonString());

        var sync = Body(Assert.Single(t.Advance(TimeSpan.FromMilliseconds(50))));
        Assert.Equal("log_sync", sync["type"]!.GetValue<string>());
        Assert.Equal("""[["m","9",0,10],["m","9",2,11]]""", sync["events"]!.ToJsonString());
        var inc = sync["inc"]!.GetValue<long>();

        // n2 wrote offset 1 and confirms n1's events: offsets 0-2 are now final.
        Assert.Empty(t.Deliver(Line("n2", "n1", $$"""{"type":"log_sync","msg_id":1,"inc":77,"ack":2,"ack_inc":{{inc}},"from":0,"events":[["m","9",1,20]]}""")));
        Assert.Equal("""{"9":[[1,20],[2,11]]}""", Ask(t, """{"type":"poll","msg_id":5,"offsets":{"9":1}}""")["msgs"]!.ToJsonString());
        Assert.Equal(4, Ask(t, """{"type":"send","msg_id":6,"key":"9","msg":12}""")["offset"]!.GetValue<long>());

        // The next epoch sends only the new message and confirms n2's event.
        var next = Body(Assert.Single(t.Advance(TimeSpan.FromMilliseconds(50))));
        Assert.Equal(1, next["ack"]!.GetValue<long>());
        Assert.Equal(2, next["from"]!.GetValue<long>());
        Assert.Equal("""[["m","9",4,12]]""", next["events"]!.ToJsonString());
    }

    [Fact]
    public void APeersFarMessageMakesThisNodeSkipAheadAndPromiseIt()
    {
        var t = Node("n1", "n1", "n2");
        t.Advance(TimeSpan.FromMilliseconds(50));

        t.Deliver(Line("n2", "n1", """{"type":"log_sync","msg_id":1,"inc":77,"ack":0,"ack_inc":0,"from":0,"events":[["m","9",5,20]]}"""));

        // Slots 0, 2, 4 are skipped: offset 5 is readable here at once, and the next own send is 6.
        Assert.Equal("""{"9":[[5,20]]}""", Ask(t, """{"type":"poll","msg_id":2,"offsets":{"9":0}}""")["msgs"]!.ToJsonString());
        var sync = Body(Assert.Single(t.Advance(TimeSpan.FromMilliseconds(50))));
        Assert.Equal("""[["p","9",3]]""", sync["events"]!.ToJsonString());
        Assert.Equal(6, Ask(t, """{"type":"send","msg_id":3,"key":"9","msg":10}""")["offset"]!.GetValue<long>());
    }

    [Fact]
    public void AnIdleNodeAnnouncesItselfOnceAndThenSendsNothing()
    {
        var t = Node("n1", "n1", "n2");

        var hello = Body(Assert.Single(t.Advance(TimeSpan.FromSeconds(2))));
        Assert.Equal("[]", hello["events"]!.ToJsonString());
        Assert.Empty(t.Advance(TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public void AMessageAtTheWrongSlotMakesTheWholeSyncMalformed()
    {
        var t = Node("n1", "n1", "n2");

        var reply = Body(Assert.Single(t.Deliver(Line("n2", "n1", """{"type":"log_sync","msg_id":1,"inc":77,"ack":0,"ack_inc":0,"from":0,"events":[["m","9",1,20],["m","9",2,21]]}"""))));

        Assert.Equal(12, reply["code"]!.GetValue<int>());
        Assert.Equal("{}", Ask(t, """{"type":"poll","msg_id":4,"offsets":{"9":0}}""")["msgs"]!.ToJsonString());
    }

    [Fact]
    public void KafkaLogNodeIsTheAssemblysNodeClass()
    {
        Assert.Equal(typeof(KafkaLogNode), NodeFactory.FindNodeClass(typeof(KafkaLogNode).Assembly));
    }

    private static string Without(JsonObject body, string field)
    {
        body.Remove(field);
        return body.ToJsonString();
    }
}
