using System.Text.Json.Nodes;
using Glomers.Harness.Cli;

namespace Glomers.Harness.Workloads;

/// <summary>
/// pn-counter: half adds of a delta in [-5, 4], half reads. g-counter is the same generator with
/// negative adds filtered out (so about a third of its ops are adds). Errors are not mapped: any
/// error or timeout leaves the op's outcome unknown.
/// </summary>
public sealed class CounterWorkload(bool growOnly) : IWorkload
{
    public string Name => growOnly ? "g-counter" : "pn-counter";
    public bool HasFinalPhase => true;
    public IReadOnlySet<string>? IdempotentFs => null;
    public TimeSpan ClientTimeout => Workloads.DefaultTimeout;

    public Invocation Next(Random random, int thread)
    {
        while (true)
        {
            var op = random.Next(2) == 0 ? new Invocation("add", random.Next(10) - 5) : new Invocation("read", null);
            if (!growOnly || op.F != "add" || (int)op.Value! >= 0) return op;
        }
    }

    public Invocation Final(int thread) => new("read", null, Final: true);

    public JsonObject Request(Invocation op) => op.F == "add"
        ? new() { ["type"] = "add", ["delta"] = op.Value?.DeepClone() }
        : new() { ["type"] = "read" };

    public JsonNode? Complete(Invocation op, JsonObject reply)
    {
        if (op.F == "add")
        {
            ReplySchema.Check(reply, "add_ok");
            return op.Value?.DeepClone();
        }
        ReplySchema.Check(reply, "read_ok", ("value", ReplySchema.IsInteger, "an integer"));
        return reply["value"]!.DeepClone();
    }

    public (JsonObject Request, string ReplyType)? Setup(string node, TestOptions options) => null;
}
