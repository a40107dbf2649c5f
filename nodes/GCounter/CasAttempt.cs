namespace Glomers.GCounter;

/// <summary>
/// One cas of the own slot: from the confirmed value to a new version that carries the first
/// <paramref name="AddCount"/> waiting adds.
/// </summary>
public sealed record CasAttempt(SlotValue From, SlotValue To, int AddCount);
