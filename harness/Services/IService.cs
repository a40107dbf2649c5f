using System.Text.Json.Nodes;

namespace Glomers.Harness.Services;

/// <summary>
/// One of Maelstrom's built-in services (seq-kv, lin-kv, lww-kv, lin-tso), as a pure request
/// handler. The bench delivers requests one at a time, with network latency, and never partitions
/// them. The reply body gets in_reply_to (and no msg_id) from the bench.
/// </summary>
public interface IService
{
    /// <summary>The node id nodes address it by, such as "seq-kv".</summary>
    string Id { get; }

    /// <summary>
    /// Handles one request from node <paramref name="src"/>. Returns the reply body (type and
    /// fields; an error is {"type":"error","code":N,"text":...}), or null when Maelstrom would send
    /// nothing back (a request type the service does not know).
    /// </summary>
    JsonObject? Handle(string src, JsonObject body);
}
