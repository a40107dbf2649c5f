using System.Text.Json.Nodes;
using Glomers.Harness.History;

namespace Glomers.Harness.Checkers.Linearizable;

/// <summary>
/// One key's share of a lin-kv history, ready for the search: its ops (indexed by id), the values
/// they mention, and the ops that could not be read. Failed ops are left out, since a definite
/// failure did not happen; so are reads that did not complete, which constrain nothing.
/// </summary>
internal sealed class KeyHistory(JsonNode? key)
{
    private readonly List<(RegisterOpKind Kind, int Arg, int To, Op Invoke, Op? Completion, int CallAt, int ReturnAt)> _pending = [];

    public JsonNode? Key { get; } = key;
    public RegisterValues Values { get; } = new();
    public List<string> Malformed { get; } = [];
    public IReadOnlyList<RegisterOp> Ops { get; private set; } = [];

    /// <summary>Every op of the key in history order, failed ones included, for quoting.</summary>
    public List<Op> Entries { get; } = [];

    /// <summary>Splits a history by key. Ops that name no key are reported in <paramref name="unkeyed"/>.</summary>
    public static IReadOnlyList<KeyHistory> Split(IReadOnlyList<Op> history, List<string> unkeyed)
    {
        var position = new Dictionary<Op, int>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < history.Count; i++) position[history[i]] = i;

        var byKey = new Dictionary<string, KeyHistory>();
        foreach (var (invoke, completion) in OpPair.Pair(history))
        {
            if (invoke.Value is not JsonArray { Count: 2 } tuple)
            {
                unkeyed.Add($"{invoke.F} at index {invoke.Index} has value {Text(invoke.Value)}, not [key, value]");
                continue;
            }
            var keyText = JsonValueOrder.Key(tuple[0]);
            if (!byKey.TryGetValue(keyText, out var key)) byKey[keyText] = key = new KeyHistory(tuple[0]?.DeepClone());
            key.Entries.Add(invoke);
            if (completion is not null) key.Entries.Add(completion);
            key.Add(invoke, completion, position[invoke], completion is null ? RegisterOp.Never : position[completion]);
        }

        var keys = byKey.Values.OrderBy(k => k.Key, JsonValueOrder.Instance).ToList();
        foreach (var key in keys) key.Number();
        return keys;
    }

    private void Add(Op invoke, Op? completion, int callAt, int returnAt)
    {
        var type = completion?.Type;
        if (type == OpType.Fail) return;
        var definite = type == OpType.Ok;
        var value = ((JsonArray)invoke.Value!)[1];
        switch (invoke.F)
        {
            case WorkloadOps.Read:
                if (!definite) return;
                if (completion!.Value is not JsonArray { Count: 2 } read || JsonValueOrder.Key(read[0]) != JsonValueOrder.Key(Key))
                {
                    Malformed.Add($"read ok at index {completion.Index} has value {Text(completion.Value)}, not [{Text(Key)}, value]");
                    return;
                }
                Queue(RegisterOpKind.Read, read[1] is null ? CasRegister.AnyValue : Values.Id(read[1]), 0);
                break;
            case WorkloadOps.Write:
                Queue(RegisterOpKind.Write, Values.Id(value), 0);
                break;
            case WorkloadOps.Cas:
                if (value is not JsonArray { Count: 2 } fromTo)
                {
                    Malformed.Add($"cas at index {invoke.Index} has value {Text(invoke.Value)}, not [key, [from, to]]");
                    return;
                }
                Queue(RegisterOpKind.Cas, Values.Id(fromTo[0]), Values.Id(fromTo[1]));
                break;
            default:
                Malformed.Add($"{invoke.F} at index {invoke.Index} is not a read, write or cas");
                break;
        }

        void Queue(RegisterOpKind kind, int arg, int to) =>
            _pending.Add((kind, arg, to, invoke, completion, callAt, definite ? returnAt : RegisterOp.Never));
    }

    // Definite ops get ids 0.. in the order they completed, indefinite ones the ids after them.
    private void Number()
    {
        var ordered = _pending.OrderBy(p => p.ReturnAt == RegisterOp.Never ? 1 : 0).ThenBy(p => p.ReturnAt).ThenBy(p => p.CallAt).ToList();
        Ops = [.. ordered.Select((p, id) => new RegisterOp(id, p.Kind, p.Arg, p.To, p.Invoke, p.Completion, p.CallAt, p.ReturnAt))];
        _pending.Clear();
    }

    private static string Text(JsonNode? value) => value?.ToJsonString() ?? "null";
}
