using System.Text.Json.Nodes;

namespace Glomers.Harness.Services;

/// <summary>lin-tso: a timestamp oracle answering each <c>ts</c> request with 0, 1, 2, ...</summary>
public sealed class LinTsoService : IService
{
    private long next;

    public string Id => "lin-tso";

    public JsonObject? Handle(string src, JsonObject body) => ServiceProtocol.DropIfMalformed(() =>
        ServiceProtocol.TypeOf(body) == "ts" ? new JsonObject { ["type"] = "ts_ok", ["ts"] = next++ } : null);
}
