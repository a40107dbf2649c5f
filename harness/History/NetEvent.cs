namespace Glomers.Harness.History;

/// <summary>
/// One entry of the network journal: a message sent, or the same message received. Every message
/// has one send event and, unless the network dropped it, one receive event with the same id.
/// </summary>
public sealed record NetEvent(long Time, bool IsSend, long Id, string Src, string Dest, string Type);
