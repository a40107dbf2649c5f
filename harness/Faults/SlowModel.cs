using System.Globalization;

namespace Glomers.Harness.Faults;

/// <summary>
/// What a busy machine does to a node process, as the slow fault and --busy model it: every message
/// or timer the node handles, and every message it writes, costs processing time (exponential, mean
/// <paramref name="CostMs"/>), one at a time in arrival order; and while it works, the node is
/// descheduled now and then (on average <paramref name="StallsPerSecond"/> times per second of its
/// own work) for a time uniform in [0, 2 x <paramref name="StallMs"/>].
/// </summary>
public sealed record SlowModel(double CostMs, double StallMs, double StallsPerSecond)
{
    /// <summary>Fitted to this bench's broadcast runs beside a CPU hog on a shared 2-core machine (docs: busy machine).</summary>
    public static SlowModel Default { get; } = new(0.3, 300, 3);

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{CostMs:0.###} ms per message in or out, stalls of 0-{2 * StallMs:0.###} ms {StallsPerSecond:0.###} per second of work");
}
