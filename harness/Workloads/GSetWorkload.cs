using System.Text.Json.Nodes;
using Glomers.Harness.Cli;
using Glomers.Harness.History;

namespace Glomers.Harness.Workloads;

/// <summary>g-set: half the ops add the next integer, half read the whole set; errors are not mapped.</summary>
public sealed class GSetWorkload : IWorkload, ISetConvergence
{
    private long next;

    public string Name => "g-set";
    public bool HasFinalPhase => true;
    public IReadOnlySet<string>? IdempotentFs => null;
    public TimeSpan ClientTimeout => Workloads.DefaultTimeout;

    public Invocation Next(Random random, int thread) =>
        random.Next(2) == 0 ? new("add", next++) : new("read", null);

    public Invocation Final(int thread) => new("read", null, Final: true);

    public JsonObject Request(Invocation op) => op.F == "add"
        ? new() { ["type"] = "add", ["element"] = op.Value?.DeepClone() }
        : new() { ["type"] = "read" };

    public JsonNode? Complete(Invocation op, JsonObject reply)
    {
        if (op.F == "add")
        {
            ReplySchema.Check(reply, "add_ok");
            return op.Value?.DeepClone();
        }
        ReplySchema.Check(reply, "read_ok", ("value", ReplySchema.IsArray, "an array"));
        return reply["value"]!.DeepClone();
    }

    public (JsonObject Request, string ReplyType)? Setup(string node, TestOptions options) => null;

    public JsonObject ProbeRequest() => new() { ["type"] = "read" };

    public IEnumerable<JsonNode?>? Elements(JsonObject reply) =>
        reply["type"]?.ToString() == "read_ok" && reply["value"] is JsonArray value ? value : null;

    public bool Acknowledges(Op completion, out JsonNode? element)
    {
        element = completion.Value;
        return completion is { Type: OpType.Ok, F: "add" };
    }
}
