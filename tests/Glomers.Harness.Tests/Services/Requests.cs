using System.Text.Json.Nodes;
using Glomers.Harness.Services;

namespace Glomers.Harness.Tests.Services;

/// <summary>Builds request bodies from JSON text and renders replies as JSON text for exact assertions.</summary>
internal static class Requests
{
    public static JsonObject Body(string json) => JsonNode.Parse(json)!.AsObject();

    public static string? Call(this IService service, string src, string json) =>
        service.Handle(src, Body(json))?.ToJsonString();

    public static string Read(string key) => $$"""{"type":"read","key":"{{key}}"}""";

    public static string Write(string key, long value) => $$"""{"type":"write","key":"{{key}}","value":{{value}}}""";

    public static string Cas(string key, long from, long to) => $$"""{"type":"cas","key":"{{key}}","from":{{from}},"to":{{to}}}""";

    public static string ReadOk(long value) => $$"""{"type":"read_ok","value":{{value}}}""";

    public const string WriteOk = """{"type":"write_ok"}""";
    public const string CasOk = """{"type":"cas_ok"}""";
    public const string KeyDoesNotExist = """{"type":"error","code":20,"text":"key does not exist"}""";

    public static string PreconditionFailed(string text) => $$"""{"type":"error","code":22,"text":"{{text}}"}""";

    /// <summary>The value of a read_ok reply, or null for any other reply.</summary>
    public static long? ReadValue(this IService service, string src, string key) =>
        service.Handle(src, Body(Read(key))) is { } reply && (string?)reply["type"] == "read_ok"
            ? (long?)reply["value"]
            : null;
}
