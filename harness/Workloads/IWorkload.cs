using System.Text.Json.Nodes;
using Glomers.Harness.Cli;

namespace Glomers.Harness.Workloads;

/// <summary>An operation the generator asks a client to perform: Jepsen's f and value.</summary>
public readonly record struct Invocation(string F, JsonNode? Value, bool Final = false);

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
}

public sealed class MalformedReplyException(string message) : Exception(message);
