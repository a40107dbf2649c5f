using System.Text.Json.Nodes;
using Glomers.NodeRuntime.Protocol;

namespace Glomers.GCounter.Tests;

/// <summary>
/// A test stand-in for Maelstrom's seq-kv: a history of states and, per caller, the index of the
/// last state it saw. An op that changes the state it ran on is rerun on the newest state and moves
/// the caller there; any other op runs on the newest state, or, with <see cref="StaleReads"/>, on the
/// oldest one the caller may still see. Faults are injected by counters.
/// </summary>
internal sealed class FakeSeqKv
{
    private readonly List<Dictionary<string, JsonNode?>> states = [new(StringComparer.Ordinal)];
    private readonly Dictionary<string, int> seen = new(StringComparer.Ordinal);

    public bool StaleReads { get; set; }

    /// <summary>The next n cas are lost on the way in: never applied, never answered.</summary>
    public int DropCasRequests { get; set; }

    /// <summary>The next n cas are applied, and their replies lost.</summary>
    public int DropCasReplies { get; set; }

    /// <summary>The next n cas are answered with error 22 and not applied.</summary>
    public int RejectCas { get; set; }

    /// <summary>Every request handled or dropped, as (caller, type).</summary>
    public List<(string Src, string Type)> Requests { get; } = [];

    public int CountRequests(string src, string type) => Requests.Count(r => r.Src == src && r.Type == type);

    public JsonNode? Latest(string key) => states[^1].GetValueOrDefault(key)?.DeepClone();

    /// <summary>Puts a value in the newest state, as if some earlier run had written it.</summary>
    public void Seed(string key, JsonNode value)
    {
        var next = new Dictionary<string, JsonNode?>(states[^1], StringComparer.Ordinal) { [key] = value };
        states.Add(next);
    }

    /// <summary>The reply body to send back, or null when the request or its reply is lost.</summary>
    public JsonObject? Handle(Message request)
    {
        Requests.Add((request.Src, request.Type));
        if (request.Type == "cas")
        {
            if (DropCasRequests > 0)
            {
                DropCasRequests--;
                return null;
            }
            if (RejectCas > 0)
            {
                RejectCas--;
                return Error(22, "injected: current value is not from");
            }
        }
        var client = seen.GetValueOrDefault(request.Src, 0);
        var at = StaleReads ? client : states.Count - 1;
        var (next, reply) = Apply(states[at], request.Body);
        if (next is null)
        {
            seen[request.Src] = at;
        }
        else
        {
            (next, reply) = Apply(states[^1], request.Body);
            states.Add(next ?? new Dictionary<string, JsonNode?>(states[^1], StringComparer.Ordinal));
            seen[request.Src] = states.Count - 1;
        }
        if (request.Type == "cas" && DropCasReplies > 0)
        {
            DropCasReplies--;
            return null;
        }
        return reply;
    }

    // Returns the new state when the op changed it, else null.
    private static (Dictionary<string, JsonNode?>? Next, JsonObject Reply) Apply(Dictionary<string, JsonNode?> state, JsonObject body)
    {
        var key = body["key"]?.GetValue<string>() ?? "";
        var exists = state.TryGetValue(key, out var current);
        switch (body["type"]?.GetValue<string>())
        {
            case "read":
                return (null, exists ? new JsonObject { ["type"] = "read_ok", ["value"] = current?.DeepClone() } : Error(20, "key does not exist"));
            case "write":
                return (Changed(state, key, body["value"]), new JsonObject { ["type"] = "write_ok" });
            case "cas":
                if (!exists)
                {
                    return body["create_if_not_exists"]?.GetValue<bool>() == true
                        ? (Changed(state, key, body["to"]), new JsonObject { ["type"] = "cas_ok" })
                        : (null, Error(20, "key does not exist"));
                }
                if (!JsonNode.DeepEquals(current, body["from"]))
                    return (null, Error(22, $"current value {current?.ToJsonString()} is not {body["from"]?.ToJsonString()}"));
                return (Changed(state, key, body["to"]), new JsonObject { ["type"] = "cas_ok" });
            default:
                throw new InvalidOperationException($"seq-kv got an unknown request: {body.ToJsonString()}");
        }
    }

    private static Dictionary<string, JsonNode?>? Changed(Dictionary<string, JsonNode?> state, string key, JsonNode? value)
    {
        if (state.TryGetValue(key, out var current) && JsonNode.DeepEquals(current, value)) return null;
        return new Dictionary<string, JsonNode?>(state, StringComparer.Ordinal) { [key] = value?.DeepClone() };
    }

    private static JsonObject Error(int code, string text) => new() { ["type"] = "error", ["code"] = code, ["text"] = text };
}
