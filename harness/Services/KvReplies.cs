using System.Text.Json.Nodes;

namespace Glomers.Harness.Services;

/// <summary>The reply bodies the KV services send, and the request fields they read.</summary>
internal static class KvReplies
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
        body["type"] is JsonValue type && type.GetValueKind() == System.Text.Json.JsonValueKind.String
            ? type.GetValue<string>()
            : null;

    /// <summary>A request field; a missing one is nil in Maelstrom, the same as JSON null.</summary>
    public static JsonNode? Field(JsonObject body, string name) => body[name];

    /// <summary>A copy of a request field that can be kept after the request is gone.</summary>
    public static JsonNode? Detached(JsonObject body, string name) => body[name]?.DeepClone();

    private static JsonObject Error(int code, string text) => new() { ["type"] = "error", ["code"] = code, ["text"] = text };
}
