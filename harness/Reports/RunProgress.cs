using System.Globalization;
using Glomers.Harness.History;

namespace Glomers.Harness.Reports;

/// <summary>
/// What a running test has done so far, for the console's progress line: fed on the scheduler with
/// every op recorded, read from the console's timer thread. Each figure is one atomic word, so a
/// line may mix two moments a few microseconds apart, never a torn value.
/// </summary>
public sealed class RunProgress(double totalSeconds, Func<long>? clock = null)
{
    private long now, messages, mainStart = -1;
    private int invoked, ok, fail, info;
    private string faults = "";
    private readonly SortedSet<string> active = new(StringComparer.Ordinal);

    public double TotalSeconds { get; } = totalSeconds;

    public void Observe(Op op, long messageCount)
    {
        // Init and setup record no ops: the first op is the start of the main phase, which the time limit counts from.
        if (Volatile.Read(ref mainStart) < 0) Volatile.Write(ref mainStart, op.Time);
        Volatile.Write(ref now, op.Time);
        Volatile.Write(ref messages, messageCount);
        if (op.IsNemesis)
        {
            if (NemesisPeriod.Classify(op.F) is (string fault, bool starts))
            {
                if (starts) active.Add(fault);
                else active.Remove(fault);
                Volatile.Write(ref faults, string.Join(",", active));
            }
            return;
        }
        switch (op.Type)
        {
            case OpType.Invoke: Interlocked.Increment(ref invoked); break;
            case OpType.Ok: Interlocked.Increment(ref ok); break;
            case OpType.Fail: Interlocked.Increment(ref fail); break;
            default: Interlocked.Increment(ref info); break;
        }
    }

    /// <summary>Seconds since the main phase began out of the main phase and recovery, then the counts: "  12.3/30 s  ops 1234  ok 1200  fail 3  info 1  msgs 45678  nemesis partition".</summary>
    public string Line()
    {
        var start = Volatile.Read(ref mainStart);
        if (start < 0) return "starting the nodes...";
        var elapsed = ((clock?.Invoke() ?? Volatile.Read(ref now)) - start) / 1e9;
        var f = Volatile.Read(ref faults);
        return string.Create(CultureInfo.InvariantCulture,
            $"{elapsed,6:0.0}/{TotalSeconds:0.#} s  ops {Volatile.Read(ref invoked)}  ok {Volatile.Read(ref ok)}  fail {Volatile.Read(ref fail)}  info {Volatile.Read(ref info)}  msgs {Volatile.Read(ref messages)}  nemesis {(f.Length == 0 ? "-" : f)}");
    }
}
