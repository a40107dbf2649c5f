using System.Text.Json.Nodes;
using Glomers.Harness.Cli;

namespace Glomers.Harness.Workloads;

/// <summary>unique-ids: every op is a generate; the ids of ok replies must all differ. The client is reusable, as Maelstrom's is.</summary>
public sealed class UniqueIdsWorkload : IWorkload
{
    public string Name => "unique-ids";
    public bool HasFinalPhase => false;
    public IReadOnlySet<string>? IdempotentFs { get; } = new HashSet<string>();
    public TimeSpan ClientTimeout => Workloads.DefaultTimeout;
    public bool ClientReusable => true;

    public Invocation Next(Random random, int thread) => new("generate", null);

    public Invocation Final(int thread) => throw new InvalidOperationException("unique-ids has no final phase");

    public JsonObject Request(Invocation op) => new() { ["type"] = "generate" };

    public JsonNode? Complete(Invocation op, JsonObject reply)
    {
        ReplySchema.Check(reply, "generate_ok", ("id", ReplySchema.Any, "any JSON"));
        return reply["id"]?.DeepClone();
    }

    public (JsonObject Request, string ReplyType)? Setup(string node, TestOptions options) => null;
}
