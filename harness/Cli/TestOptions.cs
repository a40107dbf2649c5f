namespace Glomers.Harness.Cli;

public enum LatencyDist { Constant, Uniform, Exponential }

public enum RunMode { Process, Sim }

/// <summary>
/// A test's settings: Maelstrom's flags with Maelstrom's defaults, plus the bench's own
/// (<see cref="Seed"/>, <see cref="Mode"/>, <see cref="RecoveryTime"/>).
/// </summary>
public sealed record TestOptions
{
    public string Workload { get; init; } = "";
    public string Bin { get; init; } = "";
    public IReadOnlyList<string> BinArgs { get; init; } = [];
    public int NodeCount { get; init; } = 5;
    public double TimeLimit { get; init; } = 60;
    public double Rate { get; init; } = 5;

    /// <summary>Worker count: an integer, or k times the node count for "kn".</summary>
    public int Concurrency { get; init; } = 5;
    public double LatencyMs { get; init; }
    public LatencyDist LatencyDist { get; init; } = LatencyDist.Constant;
    public IReadOnlySet<string> Nemesis { get; init; } = new HashSet<string>();
    public double NemesisInterval { get; init; } = 10;
    public string Topology { get; init; } = "grid";

    /// <summary>Required ok fraction: null for no check, 1.0 for "total".</summary>
    public double? Availability { get; init; }
    public bool AvailabilityTotal { get; init; }
    public bool LogStderr { get; init; }
    public bool LogNetSend { get; init; }
    public bool LogNetRecv { get; init; }
    public int? KeyCount { get; init; }
    public int MaxTxnLength { get; init; } = 4;
    public int MaxWritesPerKey { get; init; } = 16;
    public IReadOnlyList<string> ConsistencyModels { get; init; } = ["strict-serializable"];
    public long Seed { get; init; }
    public RunMode Mode { get; init; } = RunMode.Process;

    /// <summary>The costs and stalls of a busy machine, for the slow fault and <see cref="Busy"/> (sim mode).</summary>
    public Faults.SlowModel Slow { get; init; } = Faults.SlowModel.Default;

    /// <summary>The nodes run slow for the whole run, a steady background load, rather than on the nemesis' schedule.</summary>
    public bool Busy { get; init; }

    /// <summary>Seconds to wait after healing before the final reads (Maelstrom: 10).</summary>
    public double RecoveryTime { get; init; } = 10;

    /// <summary>Period in ms of the convergence probe's reads after the final heal; 0 for none.</summary>
    public double ProbeConvergenceMs { get; init; }
    public string StoreRoot { get; init; } = "store";

    /// <summary>The seconds of the run that report.html's message flow and timeline show; null for the main phase's first 2 s.</summary>
    public Reports.FlowWindow? FlowWindow { get; init; }

    /// <summary>Without --node-count, Jepsen's default nodes are n1..n5; with it, n0..n(N-1).</summary>
    public bool NodeCountGiven { get; init; } = true;

    public IReadOnlyList<string> NodeIds => nodeIds ??= [.. Enumerable.Range(NodeCountGiven ? 0 : 1, NodeCount).Select(i => $"n{i}")];

    private IReadOnlyList<string>? nodeIds;
}
