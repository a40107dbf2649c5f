using System.Text.Json.Nodes;

namespace Glomers.Harness.Services;

/// <summary>lin-kv: one key-value store that every request reads and replaces in turn, so it is linearizable.</summary>
public sealed class LinKvService : IService
{
    private KvStore store = KvStore.Empty;

    public string Id => "lin-kv";

    public JsonObject? Handle(string src, JsonObject body) => ServiceProtocol.DropIfMalformed(() =>
    {
        if (store.Handle(body) is not { } step) return null;
        store = step.State;
        return step.Reply;
    });
}
