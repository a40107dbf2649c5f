using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Glomers.Harness.Checkers;

/// <summary>Reads integers from JSON values however they were built (parsed, or created from an int or a long).</summary>
public static class JsonNumbers
{
    public static bool TryGetInt64(JsonNode? node, out long value)
    {
        value = 0;
        if (node is not JsonValue v) return false;
        if (v.TryGetValue(out value)) return true;
        if (v.TryGetValue<int>(out var i))
        {
            value = i;
            return true;
        }
        return v.GetValueKind() == JsonValueKind.Number && long.TryParse(v.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }
}
