using Glomers.Harness.Checkers;
using Glomers.Harness.Cli;
using Glomers.Harness.Core;
using Glomers.Harness.Workloads.Broadcast;
using Glomers.Harness.Workloads.Counter;
using Glomers.Harness.Workloads.Echo;
using Glomers.Harness.Workloads.GSet;
using Glomers.Harness.Workloads.Kafka;
using Glomers.Harness.Workloads.LinKv;
using Glomers.Harness.Workloads.TxnRwRegister;
using Glomers.Harness.Workloads.UniqueIds;

namespace Glomers.Harness.Workloads;

/// <summary>
/// The workloads the bench knows, by Maelstrom's names: the one list the command line, --help,
/// the checkers and the tests read. A new workload is a folder with its descriptor, and a line here.
/// </summary>
public static class WorkloadCatalog
{
    /// <summary>Maelstrom's default client timeout.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMilliseconds(5000);

    public static IReadOnlyList<WorkloadDescriptor> All { get; } =
    [
        EchoWorkload.Descriptor,
        UniqueIdsWorkload.Descriptor,
        BroadcastWorkload.Descriptor,
        GSetWorkload.Descriptor,
        CounterWorkload.GCounter,
        CounterWorkload.PnCounter,
        KafkaWorkload.Descriptor,
        TxnRwRegisterWorkload.Descriptor,
        LinKvWorkload.Descriptor,
    ];

    public static IReadOnlyList<string> Names { get; } = [.. All.Select(w => w.Name)];

    /// <summary>Every workload flag, once, in the order the workloads list them.</summary>
    public static IReadOnlyList<WorkloadFlag> Flags { get; } = [.. All.SelectMany(w => w.Flags).Distinct()];

    public static WorkloadDescriptor? Find(string name) => All.FirstOrDefault(w => w.Name == name);

    /// <exception cref="ArgumentException">No workload has that name.</exception>
    public static WorkloadDescriptor Get(string name) =>
        Find(name) ?? throw new ArgumentException($"unknown workload '{name}'; known workloads: {string.Join(", ", Names)}", nameof(name));

    /// <summary>The checker for a workload's histories.</summary>
    /// <exception cref="ArgumentException">No workload has that name.</exception>
    public static IChecker Checker(string name) => Get(name).Checker();

    /// <summary>A fresh workload for a test with <paramref name="options"/> (Maelstrom's defaults when null).</summary>
    /// <exception cref="BenchException">The options do not suit the workload (lin-kv's concurrency).</exception>
    public static IWorkload Create(string name, TestOptions? options = null)
    {
        options ??= new TestOptions { Workload = name };
        var workload = Get(name);
        Validate(workload, options);
        return workload.Create(options);
    }

    /// <summary>Refuses options that do not suit the workload, and flags of the bench's own that it does not read.</summary>
    /// <exception cref="BenchException">With the reason, naming the flag.</exception>
    public static void Validate(WorkloadDescriptor workload, TestOptions options)
    {
        if (workload.Refusal(options) is { } why) throw new BenchException(why);
        foreach (var flag in Flags)
        {
            if (flag.OnlyWhereRead is not { } only || !only.IsSet(options) || workload.Flags.Contains(flag)) continue;
            var readers = All.Where(w => w.Flags.Contains(flag)).Select(w => w.Name).ToList();
            var list = readers.Count > 1 ? string.Join(", ", readers[..^1]) + " and " + readers[^1] : string.Join("", readers);
            throw new BenchException($"{flag.Name} {only.Does}: it works for {list}, not {workload.Name}");
        }
    }
}
