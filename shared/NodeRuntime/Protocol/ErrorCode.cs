namespace Glomers.NodeRuntime.Protocol;

/// <summary>Maelstrom's error codes. Codes of 1000 and above belong to applications.</summary>
public enum ErrorCode
{
    Timeout = 0,
    NodeNotFound = 1,
    NotSupported = 10,
    TemporarilyUnavailable = 11,
    MalformedRequest = 12,
    Crash = 13,
    Abort = 14,
    KeyDoesNotExist = 20,
    KeyAlreadyExists = 21,
    PreconditionFailed = 22,
    TxnConflict = 30,
}

public static class ErrorCodes
{
    /// <summary>
    /// A definite error means the operation certainly did not happen. Timeout and crash are
    /// indefinite, and so is every code Maelstrom does not define (application codes included).
    /// </summary>
    public static bool IsDefinite(this ErrorCode code) => code switch
    {
        ErrorCode.NodeNotFound or ErrorCode.NotSupported or ErrorCode.TemporarilyUnavailable
            or ErrorCode.MalformedRequest or ErrorCode.Abort or ErrorCode.KeyDoesNotExist
            or ErrorCode.KeyAlreadyExists or ErrorCode.PreconditionFailed or ErrorCode.TxnConflict => true,
        _ => false,
    };

    /// <summary>Maelstrom's name for a code: "key-does-not-exist", or "unknown" for codes it does not define.</summary>
    public static string Name(this ErrorCode code) => code switch
    {
        ErrorCode.Timeout => "timeout",
        ErrorCode.NodeNotFound => "node-not-found",
        ErrorCode.NotSupported => "not-supported",
        ErrorCode.TemporarilyUnavailable => "temporarily-unavailable",
        ErrorCode.MalformedRequest => "malformed-request",
        ErrorCode.Crash => "crash",
        ErrorCode.Abort => "abort",
        ErrorCode.KeyDoesNotExist => "key-does-not-exist",
        ErrorCode.KeyAlreadyExists => "key-already-exists",
        ErrorCode.PreconditionFailed => "precondition-failed",
        ErrorCode.TxnConflict => "txn-conflict",
        _ => "unknown",
    };
}
