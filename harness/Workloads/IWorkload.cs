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
/// A Maelstrom workload as the bench drives it: what to generate, how an op becomes a request,
/// how a reply becomes a completion (validated like Maelstrom's closed response schemas), and
/// which ops of the history are idempotent for error mapping.
/// </summary>
public interface IWorkload
{
    string Name { get; }

    /// <summary>True when the test ends with recovery and a final read on every worker.</summary>
    bool HasFinalPhase { get; }

    /// <summary>
    /// The fs whose errors and timeouts are definite failures. Null when the workload's client
    /// does not map errors at all (any error or timeout is then an unknown, info, outcome).
    /// </summary>
    IReadOnlySet<string>? IdempotentFs { get; }

    /// <summary>How long a client waits for each reply.</summary>
    TimeSpan ClientTimeout { get; }

    /// <summary>The next op of the main phase, for worker thread <paramref name="thread"/>.</summary>
    Invocation Next(Random random, int thread);

    /// <summary>The op each worker runs once in the final phase.</summary>
    Invocation Final(int thread);

    /// <summary>The request body (without msg_id) for an op.</summary>
    JsonObject Request(Invocation op);

    /// <summary>The completion value of a successful reply; throws <see cref="MalformedReplyException"/> if the reply breaks the schema.</summary>
    JsonNode? Complete(Invocation op, JsonObject reply);

    /// <summary>A request each node gets before any op (broadcast's topology), with the reply type expected; null for none.</summary>
    (JsonObject Request, string ReplyType)? Setup(string node, TestOptions options);

    /// <summary>The next op of the main phase at <paramref name="now"/> (ns since the start), for generators that keep time.</summary>
    Invocation Next(Random random, int thread, long now) => Next(random, thread);

    /// <summary>Jepsen's Reusable: whether a worker keeps its client when an op ends in info (the process still changes).</summary>
    bool ClientReusable => false;

    /// <summary>What a freshly opened client keeps between its ops; by default each op is one request and its reply.</summary>
    IClientSession OpenSession() => new SingleRequestSession(this);

    /// <summary>Sees every completion, as a Jepsen generator's update does.</summary>
    void Observe(Op completion) { }

    /// <summary>One worker's final phase; by default the single <see cref="Final"/> op.</summary>
    Task RunFinalAsync(IFinalWorker worker) => worker.ExecuteAsync(Final(worker.Thread));
}

public sealed class MalformedReplyException(string message) : Exception(message);
