using System.Text.Json.Nodes;

namespace Glomers.Harness.Checkers.Linearizable;

/// <summary>The values one key's ops mention, each given a small id so the model state is an int; null is 0.</summary>
internal sealed class RegisterValues
{
    private readonly ElementIndex _index = new();
    private readonly List<JsonNode?> _values = [];

    public RegisterValues() => Id(null);

    public int Id(JsonNode? value)
    {
        var id = _index.GetOrAdd(value, _values.Count);
        if (id == _values.Count) _values.Add(value?.DeepClone());
        return id;
    }

    public JsonNode? Value(int id) => _values[id]?.DeepClone();

    /// <summary>How Knossos prints a value in its messages: nil for null, JSON otherwise.</summary>
    public string Text(int id) => _values[id] switch
    {
        null => "nil",
        JsonValue v when v.TryGetValue(out string? s) => s,
        var v => v.ToJsonString(),
    };
}
