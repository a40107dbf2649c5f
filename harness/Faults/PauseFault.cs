namespace Glomers.Harness.Faults;

/// <summary>Pauses one node, a minority, a majority or all; what reaches them waits until they resume.</summary>
public sealed class PauseFault(FaultContext context) : Fault(context)
{
    private string[] paused = [];

    public static FaultKind Kind { get; } = new("pause", "stop nodes' processing (SIGSTOP), then let them go on with their state", FaultNeeds.NodeProcesses, c => new PauseFault(c));

    public override string Name => Kind.Name;

    public override string Start(Random random)
    {
        paused = FaultTargets.Pick(Context.NodeIds, random);
        foreach (var n in paused) Context.Nodes!.Pause(n);
        return "paused " + string.Join(",", paused);
    }

    public override Task<string> StopAsync()
    {
        foreach (var n in paused) Context.Nodes!.Resume(n);
        var done = "resumed " + string.Join(",", paused);
        paused = [];
        return Task.FromResult(done);
    }
}
