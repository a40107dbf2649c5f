using System.Text.Json.Nodes;
using Glomers.Harness.Checkers;
using Glomers.Harness.Cli;
using Glomers.Harness.History;

namespace Glomers.Harness.Workloads.Echo;

/// <summary>
/// echo: every worker sends "Please echo N" (N in 0..127); the reply must carry the same payload.
/// As in Maelstrom, an ok op's value is the whole reply body.
/// </summary>
public sealed class EchoWorkload : IWorkload
{
    public static WorkloadDescriptor Descriptor { get; } = new()
    {
        Name = "echo",
        Help = "each op sends \"Please echo N\"; the reply must carry it back unchanged",
        Create = _ => new EchoWorkload(),
        Checker = () => new EchoChecker(),
    };

    public bool HasFinalPhase => false;
    public IReadOnlySet<string>? IdempotentFs { get; } = new HashSet<string>();
    public TimeSpan ClientTimeout => WorkloadCatalog.DefaultTimeout;
    public bool ClientReusable => false;
    public ISetConvergence? Convergence => null;

    public (JsonObject Request, string ReplyType)? Setup(string node, TestOptions options) => null;

    public Invocation Next(Random random, int thread, long now) => new("echo", $"Please echo {random.Next(128)}");

    public void Observe(Op completion) { }

    public IClientSession OpenSession() => EchoClient.Instance;

    public Task RunFinalAsync(IFinalWorker worker) => FinalPhase.None(worker);
}
