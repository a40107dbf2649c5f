using System.Text.Json.Nodes;

namespace Glomers.Harness.History;

/// <summary>Jepsen's op types: an invocation and its completion (ok, fail, or info when the outcome is unknown).</summary>
public enum OpType { Invoke, Ok, Fail, Info }

/// <summary>
/// One entry of a test's history, as Jepsen records it. <see cref="Time"/> is in nanoseconds since
/// the test began. Client processes are numbered from 0; a process whose op ended in info is
/// replaced by process + concurrency. The nemesis is <see cref="NemesisProcess"/>.
/// </summary>
public sealed record Op(long Index, long Time, OpType Type, int Process, string F, JsonNode? Value)
{
    public const int NemesisProcess = -1;

    /// <summary>For fail and info completions: why (for example "net-timeout" or "[key-does-not-exist, text]").</summary>
    public string? Error { get; init; }

    /// <summary>True for the ops of the final phase (after recovery).</summary>
    public bool Final { get; init; }

    /// <summary>The node the client talked to.</summary>
    public string? Node { get; init; }

    public bool IsNemesis => Process == NemesisProcess;
    public bool IsClient => Process != NemesisProcess;
}
