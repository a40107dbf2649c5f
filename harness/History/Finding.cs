namespace Glomers.Harness.History;

/// <summary>
/// Something a node did wrong that is not a checker verdict: a line that is not JSON, a message to
/// an unknown destination, a malformed reply, a crash, an exit. Reported under "exceptions".
/// </summary>
public sealed record Finding(long Time, string Node, string Kind, string Detail, string? Line = null);
