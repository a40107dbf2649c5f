using System.Text.Json.Nodes;
using Glomers.Harness.Clients;
using Glomers.Harness.History;
using Glomers.Harness.Workloads;

namespace Glomers.Harness.Core;

/// <summary>
/// <c>--probe-convergence MS</c>: from the final heal until the final reads, reads every node's set
/// every MS milliseconds, and then says when each node first held, and kept, every element that
/// was acknowledged. The probe's reads are not operations: they stay out of the history (and so out
/// of the checkers and msgs-per-op), but they are messages like any other in messages.jsonl.
/// A node's time is that of the reply that first showed the whole set, so it is late by at most
/// one period plus a round trip.
/// </summary>
public sealed class ConvergenceProbe
{
    private readonly ISetConvergence workload;
    private readonly Scheduler scheduler;
    private readonly IReadOnlyList<string> nodes;
    private readonly Func<BenchClient> openClient;
    private readonly TimeSpan period;
    private readonly Dictionary<string, List<(long Time, HashSet<string> Elements)>> samples = [];
    private readonly bool faultAtEnd;
    private bool stopping;

    public ConvergenceProbe(ISetConvergence workload, Scheduler scheduler, IReadOnlyList<string> nodes, Func<BenchClient> openClient, double periodMs, bool faultAtEnd)
    {
        this.faultAtEnd = faultAtEnd;
        this.workload = workload;
        this.scheduler = scheduler;
        this.nodes = nodes;
        this.openClient = openClient;
        period = TimeSpan.FromMilliseconds(periodMs);
        foreach (var n in nodes) samples[n] = [];
    }

    /// <summary>The time of the final heal, from which convergence is counted.</summary>
    public long HealedAt { get; private set; }

    /// <summary>Probes until <see cref="Stop"/>, or until every node held every element acknowledged so far once <paramref name="opsDone"/> is complete.</summary>
    public async Task RunAsync(Task opsDone, Func<IReadOnlyList<Op>> history)
    {
        HealedAt = scheduler.Now;
        var clients = nodes.ToDictionary(n => n, _ => openClient());
        var pending = new Dictionary<string, Task>();
        // Once the main phase's ops are done no element is acknowledged any more: the set is read once.
        HashSet<string>? acknowledged = null;
        while (!stopping)
        {
            foreach (var node in nodes)
            {
                if (pending.TryGetValue(node, out var p) && !p.IsCompleted) continue;
                pending[node] = ReadAsync(node, clients[node]);
            }
            await scheduler.Delay(period);
            if (opsDone.IsCompleted && AllHold(acknowledged ??= Acknowledged(history()))) break;
        }
        await Task.WhenAll(pending.Values);
    }

    /// <summary>Ends the probing at its next period (the final reads are about to start).</summary>
    public void Stop() => stopping = true;

    /// <summary>The results.json section: per node the ms from the heal to its first complete read, and the worst.</summary>
    public JsonObject Result(IReadOnlyList<Op> history)
    {
        var acknowledged = Acknowledged(history);
        var perNode = new JsonObject();
        var missing = new JsonObject();
        long? worst = 0;
        foreach (var node in nodes)
        {
            var list = samples[node];
            // The first read from which on every read held everything.
            var from = list.Count;
            while (from > 0 && acknowledged.IsSubsetOf(list[from - 1].Elements)) from--;
            if (from < list.Count)
            {
                var ms = (list[from].Time - HealedAt) / 1_000_000;
                perNode[node] = ms;
                if (worst is { } w) worst = Math.Max(w, ms);
            }
            else
            {
                perNode[node] = null;
                worst = null;
                missing[node] = list.Count == 0 ? acknowledged.Count : acknowledged.Count(e => !list[^1].Elements.Contains(e));
            }
        }
        var result = new JsonObject
        {
            ["converged?"] = worst is not null,
            ["ms"] = worst,
            ["probe-ms"] = period.TotalMilliseconds,
            ["healed-at-s"] = HealedAt / 1e9,
            // Without a fault to heal at the end, the times count from the end of the main phase instead.
            ["fault-at-end?"] = faultAtEnd,
            ["acknowledged"] = acknowledged.Count,
            ["nodes"] = perNode,
        };
        if (missing.Count > 0) result["missing-at-last-read"] = missing;
        return result;
    }

    private async Task ReadAsync(string node, BenchClient client)
    {
        var reply = await client.CallAsync(node, workload.ProbeRequest(), period * 20);
        if (reply is not null && workload.Elements(reply) is { } elements)
            samples[node].Add((scheduler.Now, elements.Select(Key).ToHashSet()));
    }

    private bool AllHold(HashSet<string> acknowledged) =>
        nodes.All(n => samples[n].Count > 0 && acknowledged.IsSubsetOf(samples[n][^1].Elements));

    private HashSet<string> Acknowledged(IReadOnlyList<Op> history)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var op in history)
            if (op.IsClient && workload.Acknowledges(op, out var element)) set.Add(Key(element));
        return set;
    }

    private static string Key(JsonNode? element) => element?.ToJsonString() ?? "null";
}
