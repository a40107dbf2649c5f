namespace Glomers.NodeRuntime.Protocol;

/// <summary>
/// A Maelstrom error: thrown by an RPC whose peer answered with an error body or did not answer
/// in time, and thrown by a handler to answer its request with that code.
/// </summary>
public sealed class RpcException(ErrorCode code, string message) : Exception(message)
{
    public ErrorCode Code { get; } = code;

    /// <summary>True when the operation certainly did not take place.</summary>
    public bool Definite => Code.IsDefinite();

    public static RpcException Malformed(string message) => new(ErrorCode.MalformedRequest, message);
}
