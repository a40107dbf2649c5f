namespace Glomers.Harness.Faults;

/// <summary>Cuts the server nodes along one of Jepsen's shapes; stopping heals every cut.</summary>
public sealed class PartitionFault(FaultContext context) : Fault(context)
{
    public static FaultKind Kind { get; } = new("partition", "Jepsen's partition shapes between server nodes", FaultNeeds.Network, c => new PartitionFault(c));

    public override string Name => Kind.Name;

    public override string Start(Random random)
    {
        var (shape, grudge) = PartitionShapes.Pick(Context.NodeIds, random);
        Context.Network.Partition(grudge);
        return PartitionShapes.Describe(shape, grudge);
    }

    public override Task<string> StopAsync()
    {
        Context.Network.Heal();
        return Task.FromResult("fully connected");
    }
}
