using System.Text.Json.Nodes;
using Glomers.NodeRuntime;
using Glomers.NodeRuntime.Protocol;
using Glomers.NodeRuntime.Services;

namespace Glomers.SimNodes.KafkaOwner;

/// <summary>
/// A kafka node for the bench's own tests: the first node owns every log and every committed offset,
/// the others forward each request to it and relay the answer, so all clients see one log per key.
/// <c>--fault lose-send</c> acknowledges every 20th send with an offset but never stores it (a lost
/// write); <c>--fault skip-offsets</c> answers a poll with every other message from the asked offset.
/// <c>--via lin-kv</c> keeps the logs in the lin-kv service instead, and every node serves requests.
/// </summary>
public sealed class KafkaOwnerNode
{
    /// <summary>Options from the command line: --via owner | lin-kv, --fault none | lose-send | skip-offsets (owner only).</summary>
    public sealed class Options
    {
        public string Via { get; set; } = "owner";
        public string Fault { get; set; } = "none";
    }

    private const int LoseEvery = 20;
    private static readonly TimeSpan ForwardTimeout = TimeSpan.FromSeconds(1);

    private readonly Node node;
    private readonly string fault;
    private readonly Dictionary<string, SortedList<long, JsonNode?>> logs = [];
    private readonly Dictionary<string, long> nextOffsets = [];
    private readonly Dictionary<string, long> committed = [];
    private long sends;

    public KafkaOwnerNode(Node node, Options options)
    {
        this.node = node;
        fault = options.Fault is "none" or "lose-send" or "skip-offsets"
            ? options.Fault
            : throw new ArgumentException($"--fault must be none, lose-send or skip-offsets (got '{options.Fault}')");
        switch (options.Via)
        {
            case "owner":
                break;
            case "lin-kv" when fault == "none":
                ServeFromLinKv(new LinKvLogs(KvClient.LinKv(node)));
                return;
            default:
                throw new ArgumentException($"--via must be owner, or lin-kv without a fault (got '{options.Via}')");
        }
        Serve("send", Send);
        Serve("poll", Poll);
        Serve("commit_offsets", Commit);
        Serve("list_committed_offsets", ListCommitted);
    }

    private void Serve(string type, Func<Message, JsonObject> owner) => node.On(type, async request =>
    {
        if (node.Id == node.NodeIds[0])
        {
            node.Reply(request, owner(request));
            return;
        }
        var reply = await node.RpcAsync(node.NodeIds[0], (JsonObject)request.Body.DeepClone(), ForwardTimeout);
        node.Reply(request, reply.Body);
    });

    private void ServeFromLinKv(LinKvLogs logs)
    {
        node.On("send", async request =>
        {
            var offset = await logs.SendAsync(request.GetString("key"), request.Required("msg").DeepClone());
            node.Reply(request, new JsonObject { ["type"] = "send_ok", ["offset"] = offset });
        });
        node.On("poll", async request =>
        {
            var msgs = new JsonObject();
            foreach (var (key, from) in (JsonObject)request.Required("offsets"))
                msgs[key] = await logs.PollAsync(key, from!.GetValue<long>());
            node.Reply(request, new JsonObject { ["type"] = "poll_ok", ["msgs"] = msgs });
        });
        node.On("commit_offsets", async request =>
        {
            foreach (var (key, offset) in (JsonObject)request.Required("offsets")) await logs.CommitAsync(key, offset!.GetValue<long>());
            node.Reply(request, new JsonObject { ["type"] = "commit_offsets_ok" });
        });
        node.On("list_committed_offsets", async request =>
        {
            var offsets = new JsonObject();
            foreach (var key in ((JsonArray)request.Required("keys")).Select(k => k!.GetValue<string>()))
                if (await logs.CommittedAsync(key) is { } offset) offsets[key] = offset;
            node.Reply(request, new JsonObject { ["type"] = "list_committed_offsets_ok", ["offsets"] = offsets });
        });
    }

    private JsonObject Send(Message request)
    {
        var key = request.GetString("key");
        var offset = nextOffsets.GetValueOrDefault(key);
        nextOffsets[key] = offset + 1;
        if (fault != "lose-send" || ++sends % LoseEvery != 0)
        {
            if (!logs.TryGetValue(key, out var log)) logs[key] = log = [];
            log.Add(offset, request.Required("msg").DeepClone());
        }
        return new JsonObject { ["type"] = "send_ok", ["offset"] = offset };
    }

    private JsonObject Poll(Message request)
    {
        var msgs = new JsonObject();
        foreach (var (key, from) in (JsonObject)request.Required("offsets"))
        {
            if (!logs.TryGetValue(key, out var log)) continue;
            var start = from!.GetValue<long>();
            var pairs = log.Where(e => e.Key >= start)
                .Where(e => fault != "skip-offsets" || (e.Key - start) % 2 == 0)
                .Select(e => (JsonNode)new JsonArray(e.Key, e.Value?.DeepClone()));
            msgs[key] = new JsonArray([.. pairs]);
        }
        return new JsonObject { ["type"] = "poll_ok", ["msgs"] = msgs };
    }

    private JsonObject Commit(Message request)
    {
        foreach (var (key, offset) in (JsonObject)request.Required("offsets"))
            committed[key] = Math.Max(committed.GetValueOrDefault(key, -1), offset!.GetValue<long>());
        return new JsonObject { ["type"] = "commit_offsets_ok" };
    }

    private JsonObject ListCommitted(Message request)
    {
        var offsets = new JsonObject();
        foreach (var key in ((JsonArray)request.Required("keys")).Select(k => k!.GetValue<string>()))
            if (committed.TryGetValue(key, out var offset)) offsets[key] = offset;
        return new JsonObject { ["type"] = "list_committed_offsets_ok", ["offsets"] = offsets };
    }
}
