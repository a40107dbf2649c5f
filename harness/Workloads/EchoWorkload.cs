using System.Text.Json.Nodes;
using Glomers.Harness.Cli;

namespace Glomers.Harness.Workloads;

/// <summary>
/// echo: every worker sends "Please echo N" (N in 0..127); the reply must carry the same payload.
/// As in Maelstrom, an ok op's value is the whole reply body.
/// </summary>
public sealed class EchoWorkload : IWorkload
{
    public string Name => "echo";
    public bool HasFinalPhase => false;
    public IReadOnlySet<string>? IdempotentFs { get; } = new HashSet<string>();
    public TimeSpan ClientTimeout => Workloads.DefaultTimeout;

    public Invocation Next(Random random, int thread) => new("echo", $"Please echo {random.Next(128)}");

    public Invocation Final(int thread) => throw new InvalidOperationException("echo has no final phase");

    public JsonObject Request(Invocation op) => new() { ["type"] = "echo", ["echo"] = op.Value?.DeepClone() };

    public JsonNode? Complete(Invocation op, JsonObject reply)
    {
        ReplySchema.Check(reply, "echo_ok", ("echo", ReplySchema.Any, "any JSON"));
        return reply.DeepClone();
    }

    public (JsonObject Request, string ReplyType)? Setup(string node, TestOptions options) => null;
}
