using Glomers.Harness.History;

namespace Glomers.Harness.Workloads;

/// <summary>What a workload's final phase may do on one worker thread: run ops through its client, read the clock, wait.</summary>
public interface IFinalWorker
{
    int Thread { get; }

    /// <summary>Nanoseconds since the test began.</summary>
    long Now { get; }

    /// <summary>The generator's random stream.</summary>
    Random Random { get; }

    /// <summary>Runs one op, records its invocation and completion, and returns the completion.</summary>
    Task<Op> ExecuteAsync(Invocation op);

    Task DelayUntil(long time);
}
