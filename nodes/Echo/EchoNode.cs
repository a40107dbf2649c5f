using System.Text.Json.Nodes;
using Glomers.NodeRuntime;
using Glomers.NodeRuntime.Protocol;

namespace Glomers.Echo;

/// <summary>Step 1: answer every echo with the same payload, whatever JSON it is.</summary>
public sealed class EchoNode
{
    public EchoNode(Node node)
    {
        node.On("echo", request => node.Reply(request, new JsonObject
        {
            ["type"] = "echo_ok",
            ["echo"] = request.Body.TryGetPropertyValue("echo", out var echo)
                ? echo?.DeepClone()
                : throw RpcException.Malformed("echo: missing field 'echo'"),
        }));
    }
}
