using System.Text.Json.Nodes;
using Glomers.Harness.Cli;
using Glomers.Harness.History;

namespace Glomers.Harness.Workloads;

/// <summary>
/// An operation the generator asks a client to perform: Jepsen's f and value. <paramref name="Fields"/>
/// holds the op's other Jepsen fields that steer the client (kafka's "seek-to-beginning?").
/// </summary>
public readonly record struct Invocation(string F, JsonNode? Value, bool Final = false, JsonObject? Fields = null);

/// <summary>
/// One test's workload as the bench drives it, the same shape for every workload: the setup each
/// node gets, the generator of the main phase, the client each worker opens, the final phase each
/// worker runs, and the client's rules (how long it waits, which errors are definite, whether it
/// survives an indeterminate op). Made fresh for each test by its <see cref="WorkloadDescriptor"/>.
/// </summary>
public interface IWorkload
{
    /// <summary>True when the test ends with recovery and <see cref="RunFinalAsync"/> on every worker.</summary>
    bool HasFinalPhase { get; }

    /// <summary>
    /// The fs whose errors and timeouts are definite failures. Null when the workload's client
    /// does not map errors at all (any error or timeout is then an unknown, info, outcome).
    /// </summary>
    IReadOnlySet<string>? IdempotentFs { get; }

    /// <summary>How long a client waits for each reply.</summary>
    TimeSpan ClientTimeout { get; }

    /// <summary>Jepsen's Reusable: whether a worker keeps its client when an op ends in info (the process still changes).</summary>
    bool ClientReusable { get; }

    /// <summary>How to read every node's whole set, for workloads whose nodes must converge on one (broadcast, g-set); else null.</summary>
    ISetConvergence? Convergence { get; }

    /// <summary>A request each node gets before any op (broadcast's topology), with the reply type expected; null for none.</summary>
    (JsonObject Request, string ReplyType)? Setup(string node, TestOptions options);

    /// <summary>The next op of the main phase for worker thread <paramref name="thread"/> at <paramref name="now"/> (ns since the start).</summary>
    Invocation Next(Random random, int thread, long now);

    /// <summary>Sees every completion, as a Jepsen generator's update does.</summary>
    void Observe(Op completion);

    /// <summary>A fresh client for a worker: what it keeps between its ops and how it performs one.</summary>
    IClientSession OpenSession();

    /// <summary>One worker's final phase, after recovery; called only when <see cref="HasFinalPhase"/>.</summary>
    Task RunFinalAsync(IFinalWorker worker);
}

public sealed class MalformedReplyException(string message) : Exception(message);
