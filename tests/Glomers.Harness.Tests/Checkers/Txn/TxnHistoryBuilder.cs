using System.Text.Json.Nodes;
using Glomers.Harness.Checkers;
using Glomers.Harness.Checkers.Txn;

namespace Glomers.Harness.Tests.Checkers.Txn;

/// <summary>
/// Txn histories in a line each: a micro-op is written "w 1 5" (write 5 to key 1) or "r 1 nil".
/// <see cref="Begin"/> invokes (reads go out as nil) and <see cref="Commit"/> / <see cref="Abort"/> /
/// <see cref="Crash"/> complete, so txns can overlap; <see cref="Ok"/> does both at once.
/// </summary>
internal sealed class TxnHistoryBuilder
{
    private readonly HistoryBuilder _history = new();
    private readonly Dictionary<int, JsonArray> _open = [];

    public TxnHistoryBuilder Begin(int process, params string[] mops)
    {
        var done = Mops(mops);
        _open[process] = done;
        var invoke = new JsonArray([.. done.Select(m => (JsonNode)new JsonArray(
            m![0]!.DeepClone(), m[1]!.DeepClone(), m[0]!.GetValue<string>() == "w" ? m[2]!.DeepClone() : null))]);
        _history.Invoke(process, TxnHistory.TxnF, invoke);
        return this;
    }

    public TxnHistoryBuilder Commit(int process)
    {
        _open.Remove(process, out var mops);
        _history.Ok(process, mops);
        return this;
    }

    /// <summary>Fails the txn with error 30, as a node that aborts it would; its value is the invocation's.</summary>
    public TxnHistoryBuilder Abort(int process)
    {
        _open.Remove(process, out var mops);
        _history.Fail(process, Unread(mops!), "[txn-conflict, txn conflict]");
        return this;
    }

    public TxnHistoryBuilder Crash(int process)
    {
        _open.Remove(process, out var mops);
        _history.Info(process, Unread(mops!));
        return this;
    }

    public TxnHistoryBuilder Ok(int process, params string[] mops) => Begin(process, mops).Commit(process);

    public TxnHistoryBuilder Failed(int process, params string[] mops) => Begin(process, mops).Abort(process);

    /// <summary>
    /// An unrelated write and its read: the graph is never empty (Maelstrom calls a history with no
    /// dependency at all invalid), and nothing else changes.
    /// </summary>
    public TxnHistoryBuilder Unrelated() => Ok(9, "w 99 1").Ok(9, "r 99 1");

    public HistoryBuilder History => _history;

    public CheckResult Check(params string[] models) => TxnChecker.Check(_history.Ops, models);

    private static JsonArray Mops(string[] mops) => new([.. mops.Select(s =>
    {
        var p = s.Split(' ');
        return (JsonNode)new JsonArray(p[0], long.Parse(p[1]), p[2] == "nil" ? null : long.Parse(p[2]));
    })]);

    private static JsonArray Unread(JsonArray mops) => new([.. mops.Select(m => (JsonNode)new JsonArray(
        m![0]!.DeepClone(), m[1]!.DeepClone(), m[0]!.GetValue<string>() == "w" ? m[2]!.DeepClone() : null))]);
}
