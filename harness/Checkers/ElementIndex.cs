using System.Runtime.InteropServices;
using System.Text.Json.Nodes;

namespace Glomers.Harness.Checkers;

/// <summary>
/// Positions of set elements by value. Integers, the common case, skip building a text key, since
/// every read looks up every element it returns.
/// </summary>
internal sealed class ElementIndex
{
    private readonly Dictionary<long, int> _integers = [];
    private readonly Dictionary<string, int> _others = [];

    public int GetOrAdd(JsonNode? value, int next)
    {
        if (IsInteger(value, out var n))
        {
            ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_integers, n, out var found);
            if (!found) slot = next;
            return slot;
        }
        var key = JsonValueOrder.Key(value);
        if (_others.TryGetValue(key, out var at)) return at;
        _others[key] = next;
        return next;
    }

    public bool TryGet(JsonNode? value, out int at) =>
        IsInteger(value, out var n) ? _integers.TryGetValue(n, out at) : _others.TryGetValue(JsonValueOrder.Key(value), out at);

    private static bool IsInteger(JsonNode? value, out long n) => JsonNumbers.TryGetInt64(value, out n);
}
