namespace Glomers.Harness.Workloads;

/// <summary>The final phases workloads share.</summary>
public static class FinalPhase
{
    /// <summary>The workload has none: the test ends with the main phase.</summary>
    public static Task None(IFinalWorker worker) =>
        throw new InvalidOperationException("this workload has no final phase");

    /// <summary>Maelstrom's final read: each worker reads once, after recovery.</summary>
    public static Task ReadOnce(IFinalWorker worker) => worker.ExecuteAsync(new Invocation("read", null, Final: true));
}
