using System.Text.Json.Nodes;

namespace Glomers.Harness.History;

/// <summary>An op as checkers quote it in their reports, with Jepsen's field names.</summary>
public static class OpJson
{
    public static JsonObject ToJson(this Op op)
    {
        var o = new JsonObject
        {
            ["index"] = op.Index,
            ["time"] = op.Time,
            ["type"] = op.Type.ToString().ToLowerInvariant(),
            ["process"] = op.IsNemesis ? JsonValue.Create("nemesis") : JsonValue.Create(op.Process),
            ["f"] = op.F,
            ["value"] = op.Value?.DeepClone(),
        };
        if (op.Final) o["final?"] = true;
        if (op.Error is not null) o["error"] = op.Error;
        if (op.Node is not null) o["node"] = op.Node;
        return o;
    }
}
