using System.Text.Json.Nodes;
using Glomers.NodeRuntime;
using Glomers.NodeRuntime.Protocol;

namespace Glomers.TxnKv;

/// <summary>
/// Steps 6a-6c: a txn-rw-register store. In the default mode (read committed, totally available)
/// every node runs each transaction on its own replica and answers at once; every replicate period
/// it sends each peer, in one message, its transactions that peer has not confirmed (see
/// <see cref="Replica"/> and <see cref="PeerLink"/>). With <c>--isolation strict-serializable</c>
/// the database is one lin-kv value instead (<see cref="SharedDatabase"/>).
/// </summary>
public sealed class TxnKvNode
{
    private readonly Node node;
    private readonly TxnKvOptions options;
    private readonly Dictionary<string, PeerLink> links = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> indexOf = new(StringComparer.Ordinal);
    private Replica? replica;
    private SharedDatabase? shared;
    private IDisposable? replicating;

    public TxnKvNode(Node node, TxnKvOptions options)
    {
        options.Validate();
        this.node = node;
        this.options = options;
        node.OnInit(Start);
        node.Closed += () => replicating?.Dispose();
        node.On("txn", TxnAsync);
        node.On(Wire.Replicate, Receive);
    }

    /// <summary>The local replica (read-committed mode, after init); for inspection.</summary>
    public Replica? Replica => replica;

    private void Start()
    {
        if (options.IsStrict)
        {
            shared = new SharedDatabase(node, TimeSpan.FromMilliseconds(options.KvTimeoutMs), TimeSpan.FromMilliseconds(options.GroupMs));
            return;
        }
        for (var i = 0; i < node.NodeIds.Count; i++) indexOf[node.NodeIds[i]] = i;
        replica = new Replica(indexOf[node.Id]);
        foreach (var peer in node.Peers) links[peer] = new PeerLink(TimeSpan.FromMilliseconds(options.ResendMs));
        if (links.Count > 0) replicating = node.Every(TimeSpan.FromMilliseconds(options.ReplicateMs), Replicate);
    }

    private async Task TxnAsync(Message request)
    {
        if (!MicroOp.TryParseTxn(request.Body["txn"], out var ops, out var error)) throw RpcException.Malformed(error);
        var done = shared is not null ? await shared.ExecuteAsync(ops) : replica!.Execute(ops);
        node.Reply(request, new JsonObject { ["type"] = "txn_ok", ["txn"] = done });
    }

    private void Replicate()
    {
        var now = node.Time.GetUtcNow() - DateTimeOffset.UnixEpoch;
        foreach (var (peer, link) in links)
            if (link.Next(replica!.Log.End, now) is { } shipment) node.Send(peer, Wire.Build(shipment, replica.Log));
    }

    private void Receive(Message message)
    {
        if (replica is null || !links.TryGetValue(message.Src, out var link))
            throw RpcException.Malformed($"replicate from {message.Src}, which is not a peer in read-committed mode");
        var (ack, from, txns) = Wire.Parse(message);
        var now = node.Time.GetUtcNow() - DateTimeOffset.UnixEpoch;
        foreach (var seq in link.Receive(ack, from, txns.Count, now))
            replica.ApplyRemote(indexOf[message.Src], txns[(int)(seq - from)]);
        replica.Log.Prune(links.Values.Min(l => l.Confirmed));
    }
}
