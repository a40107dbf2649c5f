using System.Text.Json.Nodes;
using Glomers.Harness.History;

namespace Glomers.Harness.Checkers;

/// <summary>
/// Maelstrom's network statistics from the message journal, for all messages, for those with a
/// client at either end, and for the rest (servers, including node-service traffic). msgs-per-op
/// divides distinct messages by client invocations; Maelstrom gives it for all and servers only, and
/// only when there was an invocation. Always valid.
/// </summary>
public sealed class NetChecker : IChecker
{
    public CheckResult Check(CheckInput input)
    {
        var all = new Tally();
        var clients = new Tally();
        var servers = new Tally();
        foreach (var e in input.Journal)
        {
            all.Add(e);
            (InvolvesClient(e) ? clients : servers).Add(e);
        }

        var opCount = input.History.Count(op => op.IsClient && op.Type == OpType.Invoke);
        var details = new JsonObject
        {
            ["all"] = all.ToJson(opCount),
            ["clients"] = clients.ToJson(null),
            ["servers"] = servers.ToJson(opCount),
        };
        return new CheckResult(Validity.True, details);
    }

    public static bool IsClient(string nodeId) => nodeId.StartsWith('c');

    private static bool InvolvesClient(NetEvent e) => IsClient(e.Src) || IsClient(e.Dest);

    private sealed class Tally
    {
        private long _sends;
        private long _recvs;
        private readonly HashSet<long> _ids = [];

        public void Add(NetEvent e)
        {
            if (e.IsSend) _sends++;
            else _recvs++;
            _ids.Add(e.Id);
        }

        public JsonObject ToJson(int? opCount)
        {
            var o = new JsonObject { ["send-count"] = _sends, ["recv-count"] = _recvs, ["msg-count"] = _ids.Count };
            // Maelstrom stores this as a float.
            if (opCount > 0) o["msgs-per-op"] = (float)((double)_ids.Count / opCount.Value);
            return o;
        }
    }
}
