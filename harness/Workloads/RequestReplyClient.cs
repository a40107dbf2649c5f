using System.Text.Json.Nodes;
using Glomers.Harness.History;

namespace Glomers.Harness.Workloads;

/// <summary>
/// The client of most workloads: it keeps nothing between ops, and each op is one request and its
/// reply, checked against Maelstrom's closed reply schema (<see cref="ReplySchema"/>).
/// </summary>
public abstract class RequestReplyClient : IClientSession
{
    /// <summary>The request body (without msg_id) for an op.</summary>
    public abstract JsonObject Request(Invocation op);

    /// <summary>The completion value of a successful reply; throws <see cref="MalformedReplyException"/> if the reply breaks the schema.</summary>
    public abstract JsonNode? Complete(Invocation op, JsonObject reply);

    public async Task<Completion> InvokeAsync(Invocation op, ClientCall call) =>
        new(OpType.Ok, Complete(op, await call(Request(op))));
}
