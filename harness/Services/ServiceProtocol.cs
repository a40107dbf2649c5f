using System.Text.Json;
using System.Text.Json.Nodes;

namespace Glomers.Harness.Services;

/// <summary>What Maelstrom's services read from a request and the reply bodies they send.</summary>
internal static class ServiceProtocol
{
    public const int KeyDoesNotExistCode = 20;
    public const int PreconditionFailedCode = 22;

    public static JsonObject ReadOk(JsonNode? value) => new() { ["type"] = "read_ok", ["value"] = value?.DeepClone() };

    public static JsonObject WriteOk() => new() { ["type"] = "write_ok" };

    public static JsonObject CasOk() => new() { ["type"] = "cas_ok" };

    public static JsonObject KeyDoesNotExist() => Error(KeyDoesNotExistCode, "key does not exist");

    public static JsonObject PreconditionFailed(string text) => Error(PreconditionFailedCode, text);

    /// <summary>The request's type when it is a string; Maelstrom's dispatch matches nothing else.</summary>
    public static string? TypeOf(JsonObject body) =>
        body["type"] is JsonValue type && type.GetValueKind() == JsonValueKind.String
            ? type.GetValue<string>()
            : null;

    /// <summary>A request field; a missing one is nil in Maelstrom, the same as JSON null.</summary>
    public static JsonNode? Field(JsonObject body, string name) => LastKeyWins(body[name]);

    /// <summary>A copy of a request field that can be kept after the request is gone.</summary>
    public static JsonNode? Detached(JsonObject body, string name) => body[name] switch
    {
        JsonValue scalar => scalar.DeepClone(),
        var composite => LastKeyWins(composite),
    };

    /// <summary>
    /// Runs one request as Maelstrom's service worker does: a request that cannot be taken apart
    /// (a body with a repeated key, say) is dropped without a reply and changes nothing.
    /// </summary>
    public static JsonObject? DropIfMalformed(Func<JsonObject?> handle)
    {
        try
        {
            return handle();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    // Jackson keeps the last of repeated object keys, where JsonObject throws on first use; so
    // objects are rebuilt from the raw JSON, which also makes them independent of the request.
    private static JsonNode? LastKeyWins(JsonNode? node)
    {
        if (node is not (JsonArray or JsonObject)) return node;
        using var document = JsonDocument.Parse(node.ToJsonString());
        return Rebuild(document.RootElement);
    }

    private static JsonNode? Rebuild(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var map = new JsonObject();
                foreach (var property in element.EnumerateObject()) map[property.Name] = Rebuild(property.Value);
                return map;
            case JsonValueKind.Array:
                var items = new JsonArray();
                foreach (var item in element.EnumerateArray()) items.Add(Rebuild(item));
                return items;
            case JsonValueKind.Null:
                return null;
            default:
                return JsonValue.Create(element.Clone());
        }
    }

    private static JsonObject Error(int code, string text) => new() { ["type"] = "error", ["code"] = code, ["text"] = text };
}
