namespace Glomers.Harness.Faults;

/// <summary>One kind of fault of --nemesis: its name, its help line, what it needs from the cluster, and how to make one for a test.</summary>
public sealed record FaultKind(string Name, string Help, FaultNeeds Needs, Func<FaultContext, Fault> Create);
