using System.Globalization;

namespace Glomers.Harness.Faults;

/// <summary>
/// What a busy machine does to a node process, as the slow fault and --busy model it: every message
/// or timer the node handles, and every message it writes, costs processing time (exponential, mean
/// <paramref name="CostMs"/>), one at a time in arrival order, and at random moments the node stalls, descheduled, for a
/// time uniform in [0, 2 x <paramref name="StallMs"/>]; the gaps between stalls are exponential, with mean
/// 1 / <paramref name="StallsPerSecond"/> s.
/// </summary>
public sealed record SlowModel(double CostMs, double StallMs, double StallsPerSecond)
{
    /// <summary>Fitted to this bench's broadcast runs beside a CPU hog on a shared 2-core machine (docs: busy machine).</summary>
    public static SlowModel Default { get; } = new(0.3, 300, 3);

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{CostMs:0.###} ms per message in or out, stalls of 0-{2 * StallMs:0.###} ms {StallsPerSecond:0.###}/s per node");
}
