using System.Text.Json.Nodes;
using Glomers.NodeRuntime;
using Glomers.NodeRuntime.Protocol;
using Glomers.NodeRuntime.Services;

namespace Glomers.SimNodes.TxnSerial;

/// <summary>
/// A txn-rw-register node for the bench's own tests: the first node applies every transaction, one
/// at a time and in arrival order, so the history is strict-serializable; the others forward each
/// txn to it and relay the answer. <c>--fault dirty</c> applies the writes of every 8th transaction
/// that writes, then answers it with error 30 (txn-conflict), leaving those writes visible: readers
/// see values from a failed transaction (G1a, aborted read). <c>--via lin-kv</c> keeps all registers
/// in one lin-kv key instead: every node applies a txn to the map it read and swaps the new map in
/// with a cas, retrying when another txn got there first.
/// </summary>
public sealed class TxnSerialNode
{
    /// <summary>Options from the command line: --via owner | lin-kv, --fault none | dirty (owner only).</summary>
    public sealed class Options
    {
        public string Via { get; set; } = "owner";
        public string Fault { get; set; } = "none";
    }

    private const string Database = "registers";

    private const int DirtyEvery = 8;
    private static readonly TimeSpan ForwardTimeout = TimeSpan.FromSeconds(1);

    private readonly Node node;
    private readonly bool dirty;
    private readonly Dictionary<string, JsonNode?> registers = [];
    private long writingTxns;

    public TxnSerialNode(Node node, Options options)
    {
        this.node = node;
        dirty = options.Fault switch
        {
            "none" => false,
            "dirty" => true,
            _ => throw new ArgumentException($"--fault must be none or dirty (got '{options.Fault}')"),
        };
        switch (options.Via)
        {
            case "owner":
                break;
            case "lin-kv" when !dirty:
                var kv = KvClient.LinKv(node);
                node.On("txn", async request =>
                {
                    var done = await ApplyInLinKvAsync(kv, (JsonArray)request.Required("txn"));
                    node.Reply(request, new JsonObject { ["type"] = "txn_ok", ["txn"] = done });
                });
                return;
            default:
                throw new ArgumentException($"--via must be owner, or lin-kv without a fault (got '{options.Via}')");
        }
        node.On("txn", async request =>
        {
            if (node.Id != node.NodeIds[0])
            {
                var reply = await node.RpcAsync(node.NodeIds[0], (JsonObject)request.Body.DeepClone(), ForwardTimeout);
                node.Reply(request, reply.Body);
                return;
            }
            var txn = (JsonArray)request.Required("txn");
            var done = Apply(txn);
            if (dirty && txn.Any(m => (string?)m![0] == "w") && ++writingTxns % DirtyEvery == 0)
                throw new RpcException(ErrorCode.TxnConflict, "txn conflict");
            node.Reply(request, new JsonObject { ["type"] = "txn_ok", ["txn"] = done });
        });
    }

    private static async Task<JsonArray> ApplyInLinKvAsync(KvClient kv, JsonArray txn)
    {
        while (true)
        {
            var before = await kv.ReadOrDefaultAsync(Database, null) as JsonObject;
            var registers = new Dictionary<string, JsonNode?>();
            foreach (var (key, value) in before ?? []) registers[key] = value?.DeepClone();
            var done = Apply(registers, txn);
            if (!txn.Any(m => (string?)m![0] == "w")) return done;
            var after = new JsonObject();
            foreach (var (key, value) in registers) after[key] = value?.DeepClone();
            try
            {
                await kv.CasAsync(Database, before ?? [], after, createIfNotExists: before is null);
                return done;
            }
            catch (RpcException e) when (e.Code == ErrorCode.PreconditionFailed)
            {
                // Another txn committed since the read: apply this one again to the new map.
            }
        }
    }

    private JsonArray Apply(JsonArray txn) => Apply(registers, txn);

    private static JsonArray Apply(Dictionary<string, JsonNode?> registers, JsonArray txn)
    {
        var done = new JsonArray();
        foreach (var mop in txn.Select(m => (JsonArray)m!))
        {
            var f = (string)mop[0]!;
            var key = mop[1]!.ToJsonString();
            if (f == "w") registers[key] = mop[2]?.DeepClone();
            var value = f == "w" ? mop[2]?.DeepClone() : registers.GetValueOrDefault(key)?.DeepClone();
            done.Add(new JsonArray(f, mop[1]!.DeepClone(), value));
        }
        return done;
    }
}
