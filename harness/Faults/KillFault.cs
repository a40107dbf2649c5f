using Glomers.Harness.History;

namespace Glomers.Harness.Faults;

/// <summary>Kills nodes (their memory is lost); stopping restarts them and sends each a fresh init.</summary>
public sealed class KillFault(FaultContext context) : Fault(context)
{
    private string[] killed = [];

    public static FaultKind Kind { get; } = new("kill", "kill nodes and restart them with empty memory, then init them again", FaultNeeds.NodeProcesses, c => new KillFault(c));

    public override string Name => Kind.Name;

    public override string Start(Random random)
    {
        killed = FaultTargets.Pick(Context.NodeIds, random);
        foreach (var n in killed) Context.Nodes!.Kill(n);
        return "killed " + string.Join(",", killed);
    }

    public override async Task<string> StopAsync()
    {
        var restarting = killed;
        killed = [];
        foreach (var n in restarting) Context.Nodes!.Restart(n);
        var failures = await Task.WhenAll(restarting.Select(Context.Init));
        foreach (var why in failures.OfType<string>())
            Context.Report(new Finding(Context.Scheduler.Now, why.Split(' ')[0], "restart-failed", why));
        return "restarted " + string.Join(",", restarting);
    }
}
