using System.Text.Json.Nodes;

namespace Glomers.Harness.Tests.Checkers.Kafka;

/// <summary>Kafka ops in Maelstrom's shapes on top of <see cref="HistoryBuilder"/>.</summary>
internal static class KafkaHistoryBuilder
{
    /// <summary>A send invoked and acknowledged at an offset.</summary>
    public static HistoryBuilder Send(this HistoryBuilder h, int process, string key, long value, long offset) =>
        h.Invoke(process, "send", InvokedSend(key, value)).Ok(process, new JsonArray(new JsonArray("send", key, new JsonArray(offset, value))));

    public static HistoryBuilder SendFails(this HistoryBuilder h, int process, string key, long value) =>
        h.Invoke(process, "send", InvokedSend(key, value)).Fail(process, InvokedSend(key, value), "[temporarily-unavailable, busy]");

    public static HistoryBuilder SendTimesOut(this HistoryBuilder h, int process, string key, long value) =>
        h.Invoke(process, "send", InvokedSend(key, value)).Info(process, InvokedSend(key, value));

    /// <summary>A poll invoked and completed ok with these messages (offset, value) per key.</summary>
    public static HistoryBuilder Poll(this HistoryBuilder h, int process, params (string Key, (long Offset, long Value)[] Messages)[] keys) =>
        h.Invoke(process, "poll", new JsonArray(new JsonArray("poll"))).Ok(process, new JsonArray(PollMop(keys)));

    /// <summary>A transaction of micro-ops, completed ok with them as given.</summary>
    public static HistoryBuilder Txn(this HistoryBuilder h, int process, params JsonNode[] completedMops) =>
        h.Invoke(process, "txn", new JsonArray()).Ok(process, new JsonArray([.. completedMops]));

    public static HistoryBuilder Assign(this HistoryBuilder h, int process, params string[] keys) =>
        h.Done(process, "assign", new JsonArray([.. keys.Select(k => (JsonNode)k)]));

    public static HistoryBuilder Crash(this HistoryBuilder h, int process) =>
        h.Invoke(process, "crash").Info(process, null, "crash");

    public static JsonArray SentMop(string key, long value, long offset) => new("send", key, new JsonArray(offset, value));

    public static JsonArray PollMop(params (string Key, (long Offset, long Value)[] Messages)[] keys)
    {
        var byKey = new JsonObject();
        foreach (var (key, messages) in keys)
            byKey[key] = new JsonArray([.. messages.Select(m => (JsonNode)new JsonArray(m.Offset, m.Value))]);
        return new JsonArray("poll", byKey);
    }

    private static JsonArray InvokedSend(string key, long value) => new(new JsonArray("send", key, value));
}
