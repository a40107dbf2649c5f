using System.Text.Json.Nodes;
using Glomers.NodeRuntime.Tests.Fixtures;
using static Glomers.NodeRuntime.Tests.Fixtures.TestNode;

namespace Glomers.UniqueIds.Tests;

public class UniqueIdsNodeTests
{
    private static TestNode Node(string id, params string[] nodeIds)
    {
        var t = new TestNode();
        _ = new UniqueIdsNode(t.Node);
        return t.Init(id, nodeIds);
    }

    private static long GeneratedId(string line)
    {
        var body = JsonNode.Parse(line)!["body"]!;
        Assert.Equal("generate_ok", body["type"]!.GetValue<string>());
        return body["id"]!.GetValue<long>();
    }

    [Fact]
    public void GenerateAnswersAnIdCarryingTheNodesPlaceAndTheVirtualTime()
    {
        var t = Node("n2", "n0", "n1", "n2");

        var sent = t.Deliver(Line("c1", "n2", """{"type":"generate","msg_id":4}"""));

        var id = GeneratedId(Assert.Single(sent));
        Assert.Equal(
            $$$"""{"src":"n2","dest":"c1","body":{"type":"generate_ok","id":{{{id}}},"msg_id":2,"in_reply_to":4}}""",
            sent[0]);
        Assert.Equal((t.Clock.GetUtcNow().ToUnixTimeMilliseconds(), 2, 0), SnowflakeIds.Parse(id));
    }

    [Fact]
    public void ThreeNodesAtTheSameInstantNeverRepeatAnId()
    {
        var ids = new List<long>();
        foreach (var name in new[] { "n0", "n1", "n2" })
        {
            var t = Node(name, "n0", "n1", "n2");
            var requests = Enumerable.Range(1, 3000).Select(i => Line("c1", name, $$$"""{"type":"generate","msg_id":{{{i}}}}""")).ToArray();
            ids.AddRange(t.Deliver(requests).Select(GeneratedId));
        }

        Assert.Equal(9000, ids.Count);
        Assert.Equal(9000, ids.Distinct().Count());
    }

    [Fact]
    public void NodeMissingFromNodeIdsCannotGenerate()
    {
        var t = Node("n9", "n0", "n1");

        var sent = t.Deliver(Line("c1", "n9", """{"type":"generate","msg_id":1}"""));

        Assert.Equal(["""{"src":"n9","dest":"c1","body":{"type":"error","code":11,"text":"not initialised","msg_id":2,"in_reply_to":1}}"""], sent);
        Assert.Contains(t.Log.Entries, e => e.Text == "Init hook failed");
    }
}
