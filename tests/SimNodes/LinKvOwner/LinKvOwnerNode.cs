using System.Text.Json.Nodes;
using Glomers.NodeRuntime;
using Glomers.NodeRuntime.Protocol;

namespace Glomers.SimNodes.LinKvOwner;

/// <summary>
/// A lin-kv node for the bench's own tests. By default the first node holds every key and the others
/// forward each request to it; <c>--via lin-kv</c> forwards every request to the bench's lin-kv
/// service instead. Both are linearizable. <c>--fault stale</c> (first-node mode) lets the other nodes
/// answer reads from a copy of the first node's keys that they refresh every 0.5 s: stale reads.
/// </summary>
public sealed class LinKvOwnerNode
{
    /// <summary>Options from the command line: --via owner | lin-kv, --fault none | stale.</summary>
    public sealed class Options
    {
        public string Via { get; set; } = "owner";
        public string Fault { get; set; } = "none";
    }

    private static readonly TimeSpan ForwardTimeout = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromMilliseconds(500);

    private readonly Node node;
    private readonly bool viaService;
    private readonly bool stale;
    private readonly Dictionary<string, JsonNode?> keys = [];
    private JsonObject copy = [];

    public LinKvOwnerNode(Node node, Options options)
    {
        this.node = node;
        viaService = options.Via switch
        {
            "owner" => false,
            "lin-kv" => true,
            _ => throw new ArgumentException($"--via must be owner or lin-kv (got '{options.Via}')"),
        };
        stale = options.Fault switch
        {
            "none" => false,
            "stale" when !viaService => true,
            _ => throw new ArgumentException($"--fault must be none, or stale without --via lin-kv (got '{options.Fault}')"),
        };
        node.On("read", request => Handle(request, Read));
        node.On("write", request => Handle(request, Write));
        node.On("cas", request => Handle(request, Cas));
        node.On("snapshot", request => node.Reply(request, new JsonObject { ["type"] = "snapshot_ok", ["keys"] = Snapshot() }));
        if (stale) node.OnInit(() =>
        {
            if (node.Id != node.NodeIds[0]) node.Every(RefreshInterval, RefreshAsync);
        });
    }

    private bool IsOwner => !viaService && node.Id == node.NodeIds[0];

    private async Task Handle(Message request, Func<Message, JsonObject> owner)
    {
        if (IsOwner)
        {
            node.Reply(request, owner(request));
            return;
        }
        if (stale && request.Type == "read")
        {
            var key = request.Required("key").ToJsonString();
            node.Reply(request, copy.TryGetPropertyValue(key, out var value)
                ? new JsonObject { ["type"] = "read_ok", ["value"] = value?.DeepClone() }
                : Error(ErrorCode.KeyDoesNotExist, "no such key"));
            return;
        }
        var dest = viaService ? "lin-kv" : node.NodeIds[0];
        var reply = await node.RpcAsync(dest, (JsonObject)request.Body.DeepClone(), ForwardTimeout);
        node.Reply(request, reply.Body);
    }

    private JsonObject Read(Message request) =>
        keys.TryGetValue(request.Required("key").ToJsonString(), out var value)
            ? new JsonObject { ["type"] = "read_ok", ["value"] = value?.DeepClone() }
            : Error(ErrorCode.KeyDoesNotExist, "no such key");

    private JsonObject Write(Message request)
    {
        keys[request.Required("key").ToJsonString()] = request.Required("value").DeepClone();
        return new JsonObject { ["type"] = "write_ok" };
    }

    private JsonObject Cas(Message request)
    {
        var key = request.Required("key").ToJsonString();
        if (!keys.TryGetValue(key, out var current)) return Error(ErrorCode.KeyDoesNotExist, "no such key");
        var from = request.Body["from"];
        if (!JsonNode.DeepEquals(current, from)) return Error(ErrorCode.PreconditionFailed, $"current value {current?.ToJsonString() ?? "null"} is not {from?.ToJsonString() ?? "null"}");
        keys[key] = request.Body["to"]?.DeepClone();
        return new JsonObject { ["type"] = "cas_ok" };
    }

    private JsonObject Snapshot()
    {
        var all = new JsonObject();
        foreach (var (key, value) in keys) all[key] = value?.DeepClone();
        return all;
    }

    private async Task RefreshAsync()
    {
        var reply = await node.RpcAsync(node.NodeIds[0], new JsonObject { ["type"] = "snapshot" }, ForwardTimeout);
        if (reply.Body["keys"] is JsonObject fresh) copy = (JsonObject)fresh.DeepClone();
    }

    private static JsonObject Error(ErrorCode code, string text) => new() { ["type"] = "error", ["code"] = (int)code, ["text"] = text };
}
