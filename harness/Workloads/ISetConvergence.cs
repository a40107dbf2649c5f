using System.Text.Json.Nodes;
using Glomers.Harness.History;

namespace Glomers.Harness.Workloads;

/// <summary>
/// A workload whose nodes must all come to hold every acknowledged element (broadcast, g-set), so
/// the bench can probe how long that takes after the final heal (<c>--probe-convergence</c>).
/// </summary>
public interface ISetConvergence
{
    /// <summary>A read of the node's whole set (without msg_id).</summary>
    JsonObject ProbeRequest();

    /// <summary>The elements of a probe's reply, or null when the reply is not a read of the set.</summary>
    IEnumerable<JsonNode?>? Elements(JsonObject reply);

    /// <summary>Whether a completion acknowledges an element, and which.</summary>
    bool Acknowledges(Op completion, out JsonNode? element);
}
