using System.Globalization;
using System.Text.Json.Nodes;
using Glomers.Harness.Core;
using Glomers.Harness.Services;

namespace Glomers.GCounter.Tests;

/// <summary>The counter workload's requests, and what seq-kv holds and was asked, as steps of a <see cref="Simulation"/> of counter nodes.</summary>
internal static class CounterScript
{
    public const string SeqKv = "seq-kv";

    /// <summary>
    /// Counter nodes on the bench's simulation, with the bench's seq-kv. Without latency (the
    /// challenge's setting) seq-kv answers within the same virtual instant.
    /// </summary>
    public static Simulation Nodes(int size, GCounterOptions? options = null, int latencyMs = 0, long seed = 1) =>
        new(typeof(GCounterNode), size, latencyMs, seed, Arguments(options ?? new GCounterOptions()));

    public static string[] Arguments(GCounterOptions options) =>
        ["--refresh-ms", Text(options.RefreshMs), "--kv-timeout-ms", Text(options.KvTimeoutMs), "--retry-ms", Text(options.RetryMs)];

    public static JsonObject AddBody(long delta) => new() { ["type"] = "add", ["delta"] = delta };

    public static JsonObject Add(this Simulation sim, string node, long delta) => sim.Call(node, AddBody(delta));

    public static long Read(this Simulation sim, string node)
    {
        var reply = sim.Call(node, new JsonObject { ["type"] = "read" });
        Assert.Equal("read_ok", reply["type"]?.ToString());
        return reply["value"]!.GetValue<long>();
    }

    /// <summary>What seq-kv's newest state holds under <paramref name="key"/>, or null when it holds nothing.</summary>
    public static JsonNode? Latest(this Simulation sim, string key)
    {
        var reply = sim.Service<SeqKvService>(SeqKv).Latest.Handle(new JsonObject { ["type"] = "read", ["key"] = key })!.Value.Reply;
        return reply["type"]?.ToString() == "read_ok" ? reply["value"]?.DeepClone() : null;
    }

    /// <summary>The slot of <paramref name="node"/> in seq-kv's newest state.</summary>
    public static SlotValue SlotIn(this Simulation sim, string node)
    {
        Assert.True(SlotValue.TryParse(sim.Latest(node), out var slot), $"{node} has no slot in seq-kv");
        return slot;
    }

    /// <summary>Every request the nodes sent seq-kv so far, in order, as (sender, type).</summary>
    public static IReadOnlyList<(string Src, string Type)> KvRequests(this Simulation sim) =>
        [.. sim.Journal.Where(e => e.IsSend && e.Dest == SeqKv).Select(e => (e.Src, e.Type))];

    public static int CountKvRequests(this Simulation sim, string src, string type) => sim.KvRequests().Count(r => r.Src == src && r.Type == type);

    /// <summary>Messages between the nodes and seq-kv so far, both ways.</summary>
    public static int KvMessages(this Simulation sim) => sim.Journal.Count(e => e.IsSend && (e.Dest == SeqKv || e.Src == SeqKv));

    /// <summary>seq-kv's replies to <paramref name="node"/> of a given type ("error" for refusals) so far.</summary>
    public static int KvReplies(this Simulation sim, string node, string type) =>
        sim.Journal.Count(e => e.IsSend && e.Src == SeqKv && e.Dest == node && e.Type == type);

    public static void RunMs(this Simulation sim, int ms) => sim.Run(TimeSpan.FromMilliseconds(ms));

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
