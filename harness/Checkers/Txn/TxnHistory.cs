using System.Text.Json;
using System.Text.Json.Nodes;
using Glomers.Harness.History;

namespace Glomers.Harness.Checkers.Txn;

/// <summary>
/// The txn ops of a history, parsed once: each invocation with its completion, its micro-ops
/// <c>["r", k, v]</c> / <c>["w", k, v]</c> with keys and values interned, and a message for each op
/// that is not a well-formed transaction (such ops are left out, never guessed at).
/// </summary>
public sealed class TxnHistory
{
    public const string TxnF = "txn";

    private readonly Interner _keys = new();
    private readonly Interner _values = new();

    public IReadOnlyList<Transaction> Transactions { get; }
    public IReadOnlyList<string> Malformed { get; }

    /// <summary>Every op of the history in order, for the realtime order (invocations and completions).</summary>
    public IReadOnlyList<Op> Ops { get; }

    /// <summary>For each op index in <see cref="Ops"/>: the transaction it invokes or completes, or -1.</summary>
    public IReadOnlyList<int> TxnOfOp { get; }

    public int KeyCount => _keys.Count;

    public TxnHistory(IReadOnlyList<Op> history)
    {
        var txns = new List<Transaction>();
        var malformed = new List<string>();
        var txnOfOp = new int[history.Count];
        Array.Fill(txnOfOp, -1);
        var position = new Dictionary<Op, int>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < history.Count; i++) position[history[i]] = i;

        foreach (var (invoke, completion) in OpPair.Pair(history))
        {
            if (invoke.F != TxnF) continue;
            var outcome = completion?.Type switch
            {
                OpType.Ok => TxnOutcome.Ok,
                OpType.Fail => TxnOutcome.Fail,
                OpType.Info => TxnOutcome.Info,
                _ => TxnOutcome.Pending,
            };
            // A committed txn's reads are known only from its completion; otherwise the invocation says what it tried.
            var source = outcome == TxnOutcome.Ok ? completion! : completion?.Value is JsonArray ? completion : invoke;
            var mops = Parse(source!.Value, out var error);
            if (mops is null)
            {
                malformed.Add($"txn at index {source.Index}: {error}");
                continue;
            }
            var txn = new Transaction(txns.Count, invoke, completion, outcome, mops);
            txnOfOp[position[invoke]] = txn.Id;
            if (completion is not null) txnOfOp[position[completion]] = txn.Id;
            txns.Add(txn);
        }
        Transactions = txns;
        Malformed = malformed;
        Ops = history;
        TxnOfOp = txnOfOp;
    }

    public JsonNode? KeyNode(int key) => _keys.Node(key);

    public JsonNode? ValueNode(int value) => value == MicroOp.Nil ? null : _values.Node(value);

    /// <summary>A micro-op as the history wrote it.</summary>
    public JsonArray MopJson(MicroOp m) => new(m.IsWrite ? "w" : "r", KeyNode(m.Key), ValueNode(m.Value));

    private MicroOp[]? Parse(JsonNode? value, out string error)
    {
        error = "";
        if (value is not JsonArray mops)
        {
            error = $"value {value?.ToJsonString() ?? "null"} is not a list of micro-ops";
            return null;
        }
        var result = new MicroOp[mops.Count];
        for (var i = 0; i < mops.Count; i++)
        {
            if (mops[i] is not JsonArray { Count: 3 } mop
                || mop[0] is not JsonValue f || f.GetValueKind() != JsonValueKind.String
                || f.GetValue<string>() is not ("r" or "w"))
            {
                error = $"micro-op {mops[i]?.ToJsonString() ?? "null"} is not [\"r\", k, v] or [\"w\", k, v]";
                return null;
            }
            var isWrite = ((JsonValue)mop[0]!).GetValue<string>() == "w";
            if (isWrite && mop[2] is null)
            {
                error = $"micro-op {mop.ToJsonString()} writes null";
                return null;
            }
            result[i] = new MicroOp(isWrite, _keys.Intern(mop[1]), mop[2] is null ? MicroOp.Nil : _values.Intern(mop[2]));
        }
        return result;
    }

    /// <summary>Small integer ids for JSON values; integers (the usual keys and values) skip the text form.</summary>
    private sealed class Interner
    {
        private readonly Dictionary<long, int> _integers = [];
        private readonly Dictionary<string, int> _others = [];
        private readonly List<JsonNode?> _nodes = [];

        public int Count => _nodes.Count;

        public JsonNode? Node(int id) => _nodes[id]?.DeepClone();

        public int Intern(JsonNode? node)
        {
            if (JsonNumbers.TryGetInt64(node, out var n))
            {
                if (_integers.TryGetValue(n, out var id)) return id;
                return _integers[n] = Add(node);
            }
            var key = JsonValueOrder.Key(node);
            if (_others.TryGetValue(key, out var other)) return other;
            return _others[key] = Add(node);
        }

        private int Add(JsonNode? node)
        {
            _nodes.Add(node);
            return _nodes.Count - 1;
        }
    }
}
