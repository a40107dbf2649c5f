using System.Text.Json.Nodes;
using Glomers.Harness.Core;
using Glomers.Harness.Faults;
using Glomers.Harness.History;
using Glomers.NodeRuntime.Protocol;

namespace Glomers.Harness.Network;

/// <summary>
/// Maelstrom's network, the one every message of a test goes through in both modes (node
/// processes' stdout lines, sim nodes' sends, clients, services): every message gets an id and a
/// delivery time (latency between nodes and between nodes and services, none for clients), is
/// journaled when sent, and is checked against the partition's grudge when it is due; a blocked
/// message counts as sent, never as received.
/// </summary>
public sealed class Router(Scheduler scheduler, Latency latency, MessageLog log, Action<Finding> report) : INetworkFaults
{
    private readonly Dictionary<string, IEndpoint> endpoints = new(StringComparer.Ordinal);
    private readonly HashSet<string> closed = new(StringComparer.Ordinal);
    private readonly List<NetEvent> journal = [];
    private Dictionary<string, HashSet<string>> grudge = new(StringComparer.Ordinal);
    private Dictionary<string, HashSet<string>> oneWay = new(StringComparer.Ordinal);
    private Random? duplicates;
    private double duplicateChance;
    private long nextId;

    public IReadOnlyList<NetEvent> Journal => journal;
    public long MessageCount => nextId;

    public void Add(IEndpoint endpoint) => endpoints.Add(endpoint.Id, endpoint);

    /// <summary>Takes a client off the network; late replies to it are journaled and dropped.</summary>
    public void Close(string id)
    {
        if (endpoints.Remove(id)) closed.Add(id);
    }

    public bool IsServer(string id) => id.Length > 0 && id[0] == 'n';

    /// <summary>Blocks, for each destination, the sources in its set. Only server nodes are ever blocked.</summary>
    public void Partition(Dictionary<string, HashSet<string>> blocked) => grudge = blocked;

    public void Heal() => grudge = new(StringComparer.Ordinal);

    public bool IsPartitioned => grudge.Count > 0 || oneWay.Count > 0;

    /// <summary>A second grudge, for the one-way nemesis, so that it and a partition can come and go independently.</summary>
    public void BlockOneWay(Dictionary<string, HashSet<string>> blocked) => oneWay = blocked;

    public void UnblockOneWay() => oneWay = new(StringComparer.Ordinal);

    /// <summary>From now on each message between two server nodes is delivered twice with this chance (0 stops it).</summary>
    public void Duplicate(double chance, Random? random)
    {
        duplicateChance = random is null ? 0 : chance;
        duplicates = random;
    }

    /// <summary>A line a node wrote on stdout. Bad lines are findings; the node's later lines still count.</summary>
    public void SendLine(string from, string line)
    {
        // Checked whole but not built: most lines go from node to node, and nothing on the way reads the body.
        if (!EnvelopeCodec.TryReadHeader(line, EnvelopeSchema.Closed, out var header, out var error))
        {
            report(new Finding(scheduler.Now, from, "malformed-message", error, line));
            return;
        }
        if (Check(from, header.Src, header.Dest, line)) Send(new Envelope(nextId++, header, line));
    }

    private bool Check(string from, string src, string dest, string line)
    {
        if (!endpoints.ContainsKey(src))
        {
            report(new Finding(scheduler.Now, from, "invalid-source", $"src '{src}' is not a node on this network", line));
            return false;
        }
        if (!endpoints.ContainsKey(dest) && !closed.Contains(dest))
        {
            report(new Finding(scheduler.Now, from, "unknown-destination", $"dest '{dest}' is not a node, client or service on this network", line));
            return false;
        }
        return true;
    }

    /// <summary>Sends a message built by the bench itself (a client or a service).</summary>
    public void Send(string src, string dest, JsonObject body) => Send(new Envelope(nextId++, src, dest, body));

    private void Send(Envelope message)
    {
        var (src, dest) = (message.Src, message.Dest);
        journal.Add(new NetEvent(scheduler.Now, true, message.Id, src, dest, message.Type));
        log.Sent(scheduler.Now, message);
        if (closed.Contains(dest)) return;
        var delay = IsClient(src) || IsClient(dest) ? TimeSpan.Zero : latency.Next();
        if (delay == TimeSpan.Zero) scheduler.Post(() => Deliver(message));
        else scheduler.After(delay, () => Deliver(message));
        if (duplicateChance > 0 && IsServer(src) && IsServer(dest) && duplicates!.NextDouble() < duplicateChance)
            scheduler.After(latency.Next(), () => Deliver(message));
    }

    private void Deliver(Envelope message)
    {
        if ((grudge.TryGetValue(message.Dest, out var blocked) && blocked.Contains(message.Src))
            || (oneWay.TryGetValue(message.Dest, out blocked) && blocked.Contains(message.Src)))
        {
            log.Dropped(scheduler.Now, message);
            return;
        }
        if (!endpoints.TryGetValue(message.Dest, out var endpoint)) return;
        journal.Add(new NetEvent(scheduler.Now, false, message.Id, message.Src, message.Dest, message.Type));
        log.Received(scheduler.Now, message);
        endpoint.Deliver(message);
    }

    private static bool IsClient(string id) => id.Length > 0 && id[0] == 'c';
}
