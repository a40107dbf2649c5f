using Glomers.Echo;
using Glomers.NodeRuntime.Hosting;
using Glomers.NodeRuntime.Tests.Fixtures;
using static Glomers.NodeRuntime.Tests.Fixtures.TestNode;

namespace Glomers.Echo.Tests;

public class EchoNodeTests
{
    private static TestNode EchoNode()
    {
        var t = new TestNode();
        _ = new EchoNode(t.Node);
        return t.Init();
    }

    [Theory]
    [InlineData("\"Please echo 35\"")]
    [InlineData("""{"nested":[1,{"deep":null}],"text":"é <b> & 日本"}""")]
    [InlineData("null")]
    [InlineData("-12.5e3")]
    public void EchoAnswersTheSamePayload(string payload)
    {
        var sent = EchoNode().Deliver(Line("c1", "n1", $$$"""{"type":"echo","msg_id":7,"echo":{{{payload}}}}"""));

        Assert.Equal([$$$"""{"src":"n1","dest":"c1","body":{"type":"echo_ok","echo":{{{payload}}},"msg_id":2,"in_reply_to":7}}"""], sent);
    }

    [Fact]
    public void EchoWithoutPayloadIsMalformed()
    {
        var sent = EchoNode().Deliver(Line("c1", "n1", """{"type":"echo","msg_id":7}"""));

        Assert.Equal(["""{"src":"n1","dest":"c1","body":{"type":"error","code":12,"text":"echo: missing field 'echo'","msg_id":2,"in_reply_to":7}}"""], sent);
    }

    [Fact]
    public void EchoNodeIsTheAssemblysNodeClass()
    {
        Assert.Equal(typeof(EchoNode), NodeFactory.FindNodeClass(typeof(EchoNode).Assembly));
    }
}
