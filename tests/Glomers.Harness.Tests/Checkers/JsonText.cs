using System.Text.Json.Nodes;

namespace Glomers.Harness.Tests.Checkers;

internal static class JsonText
{
    /// <summary>The JSON as System.Text.Json writes it, so expected values can be laid out on several lines.</summary>
    public static string Compact(string json) => JsonNode.Parse(json)!.ToJsonString();
}
