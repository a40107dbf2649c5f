using Glomers.NodeRuntime.Protocol;

namespace Glomers.Harness.Core;

/// <summary>Maelstrom's names and definiteness for error codes; unknown codes are "unknown" and indefinite.</summary>
public static class ErrorNames
{
    public static (string Name, bool Definite) Describe(long code) =>
        Enum.IsDefined(typeof(ErrorCode), (int)code) && code is >= 0 and < 1000
            ? (((ErrorCode)(int)code).Name(), ((ErrorCode)(int)code).IsDefinite())
            : ("unknown", false);
}
