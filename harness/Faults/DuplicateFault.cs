namespace Glomers.Harness.Faults;

/// <summary>While on, each message between two server nodes is delivered twice with a fixed chance.</summary>
public sealed class DuplicateFault(FaultContext context) : Fault(context)
{
    /// <summary>The share of messages between nodes delivered twice.</summary>
    public const double Chance = 0.2;

    public const int Percent = 20;

    public static FaultKind Kind { get; } = new("duplicate", $"deliver {Percent}% of messages between nodes twice", FaultNeeds.Network, c => new DuplicateFault(c));

    public override string Name => Kind.Name;

    public override string Start(Random random)
    {
        Context.Network.Duplicate(Chance, random);
        return $"duplicating {Percent}% of messages between nodes";
    }

    public override Task<string> StopAsync()
    {
        Context.Network.Duplicate(0, null);
        return Task.FromResult("no duplicates");
    }
}
