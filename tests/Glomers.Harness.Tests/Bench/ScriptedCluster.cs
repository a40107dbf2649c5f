using System.Text.Json.Nodes;
using Glomers.Harness.Network;
using Glomers.Harness.Nodes;

namespace Glomers.Harness.Tests.Bench;

/// <summary>
/// Nodes that live on the bench's own network and answer from a script: init and topology are
/// acknowledged, every other request gets <c>answer(body)</c>, or no reply at all when it is null.
/// </summary>
internal sealed class ScriptedCluster(Router network, IEnumerable<string> ids, Func<JsonObject, JsonObject?> answer) : INodeCluster
{
    public IReadOnlyList<IEndpoint> Nodes { get; } = [.. ids.Select(id => new ScriptedNode(id, network, answer))];

#pragma warning disable CS0067 // scripted nodes never stop on their own
    public event Action<string, string>? NodeStopped;
#pragma warning restore CS0067

    public void Start() { }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private sealed class ScriptedNode(string id, Router network, Func<JsonObject, JsonObject?> answer) : IEndpoint
    {
        public string Id { get; } = id;

        public void Deliver(Envelope message)
        {
            var reply = message.Type switch
            {
                "init" => new JsonObject { ["type"] = "init_ok" },
                "topology" => new JsonObject { ["type"] = "topology_ok" },
                _ => answer(message.Body),
            };
            if (reply is null) return;
            reply["in_reply_to"] = message.Body["msg_id"]?.DeepClone();
            network.Send(Id, message.Src, reply);
        }
    }
}
