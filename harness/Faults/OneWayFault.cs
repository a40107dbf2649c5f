namespace Glomers.Harness.Faults;

/// <summary>Drops what one group of nodes sends to the other, while the other direction still flows.</summary>
public sealed class OneWayFault(FaultContext context) : Fault(context)
{
    public static FaultKind Kind { get; } = new("one-way", "drop one direction of traffic between two groups of nodes", FaultNeeds.Network, c => new OneWayFault(c));

    public override string Name => Kind.Name;

    public override string Start(Random random)
    {
        var (senders, receivers, grudge) = OneWayCut.Pick(Context.NodeIds, random);
        Context.Network.BlockOneWay(grudge);
        return OneWayCut.Describe(senders, receivers);
    }

    public override Task<string> StopAsync()
    {
        Context.Network.UnblockOneWay();
        return Task.FromResult("fully connected");
    }
}
