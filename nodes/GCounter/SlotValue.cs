using System.Text.Json.Nodes;

namespace Glomers.GCounter;

/// <summary>
/// What one node's slot in seq-kv holds: the sum of that node's acknowledged adds, and a version
/// that its owner bumps on every cas attempt. The version makes every attempt's target unique, so
/// a value read back names the one attempt that wrote it, and every cas really changes the state.
/// </summary>
public readonly record struct SlotValue(long Version, long Sum)
{
    /// <summary>The slot of a node that has never written: version 0, sum 0.</summary>
    public static readonly SlotValue Missing = default;

    public JsonObject ToJson() => new() { ["version"] = Version, ["sum"] = Sum };

    public static bool TryParse(JsonNode? json, out SlotValue value)
    {
        value = Missing;
        if (json is not JsonObject obj
            || obj["version"] is not JsonValue v || !v.TryGetValue(out long version) || version < 0
            || obj["sum"] is not JsonValue s || !s.TryGetValue(out long sum))
            return false;
        value = new SlotValue(version, sum);
        return true;
    }

    public override string ToString() => $"v{Version}:{Sum}";
}
