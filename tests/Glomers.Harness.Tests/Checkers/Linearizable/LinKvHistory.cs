using System.Text.Json.Nodes;

namespace Glomers.Harness.Tests.Checkers.Linearizable;

/// <summary>lin-kv ops on a <see cref="HistoryBuilder"/>, valued as Maelstrom records them: [key, v].</summary>
internal static class LinKvHistory
{
    public static JsonArray Kv(long key, JsonNode? value) => new(key, value);

    public static JsonArray FromTo(long from, long to) => new(from, to);

    public static HistoryBuilder Write(this HistoryBuilder h, int process, long value, long key = 0) =>
        h.Invoke(process, "write", Kv(key, value)).Ok(process, Kv(key, value));

    public static HistoryBuilder ReadOk(this HistoryBuilder h, int process, long value, long key = 0) =>
        h.Invoke(process, "read", Kv(key, null)).Ok(process, Kv(key, value));

    public static HistoryBuilder Cas(this HistoryBuilder h, int process, long from, long to, long key = 0) =>
        h.Invoke(process, "cas", Kv(key, FromTo(from, to))).Ok(process, Kv(key, FromTo(from, to)));

    /// <summary>An op as the report quotes it: the builder's time (1 ms a step), the value without its key.</summary>
    public static string Quoted(int index, string type, int process, string f, string value, string? error = null) =>
        $"{{\"index\":{index},\"time\":{index * 1_000_000L},\"type\":\"{type}\",\"process\":{process},\"f\":\"{f}\",\"value\":{value}" +
        (error is null ? "" : $",\"error\":\"{error}\"") + "}";
}
