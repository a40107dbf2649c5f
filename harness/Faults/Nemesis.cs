using Glomers.Harness.History;
using Glomers.NodeRuntime.Randomness;

namespace Glomers.Harness.Faults;

/// <summary>
/// The faults of --nemesis on Maelstrom's schedule. Maelstrom (through Jepsen's nemesis packages)
/// runs each fault as a flip-flop of start and stop under a stagger: the first start comes at once,
/// when the main phase begins, and each later change after a gap uniform in [0, 2·interval]. Each
/// fault here keeps its own such timeline, so different faults overlap as they do under gen/any.
/// Each action is a pair of nemesis info ops in the history (start-X / stop-X), the second with what
/// was done, and a line on the console.
/// </summary>
public sealed class Nemesis
{
    private readonly FaultContext context;
    private readonly HistoryRecorder history;
    private readonly double interval;
    private readonly Action<string>? say;
    private readonly List<Timeline> timelines;

    /// <param name="faults">Fault names from --nemesis; unknown names are refused with the known ones listed.</param>
    /// <param name="seed">The run's seed: each fault draws its gaps and its choices from streams of its own.</param>
    public Nemesis(IEnumerable<string> faults, double intervalSeconds, long seed, FaultContext context, HistoryRecorder history, Action<string>? say)
    {
        this.context = context;
        this.history = history;
        interval = intervalSeconds;
        this.say = say;
        var chosen = faults.ToHashSet(StringComparer.Ordinal);
        foreach (var name in chosen) FaultCatalog.Require(name);
        timelines = [.. FaultCatalog.Names.Where(chosen.Contains).Select(name => new Timeline(
            FaultCatalog.Create(name, context),
            new SeededRandom(seed, $"nemesis/{name}/schedule"),
            new SeededRandom(seed, $"nemesis/{name}/choices")))];
    }

    public bool AnyActive => timelines.Any(t => t.Active);

    /// <summary>Flips every fault on its own timeline until <paramref name="end"/> (nanoseconds on the scheduler); faults still on stay on.</summary>
    public Task RunAsync(long end) => Task.WhenAll(timelines.Select(t => RunTimelineAsync(t, end)));

    /// <summary>Heals, resumes and restarts everything, so the final phase runs on a whole cluster.</summary>
    public async Task StopAllAsync()
    {
        foreach (var t in timelines)
        {
            if (t.Active) await StopAsync(t);
        }
    }

    private async Task RunTimelineAsync(Timeline t, long end)
    {
        var scheduler = context.Scheduler;
        var gap = (long)(interval * 2e9);
        while (scheduler.Now < end)
        {
            if (t.Active) await StopAsync(t);
            else Start(t);
            await scheduler.DelayUntil(Math.Min(end, scheduler.Now + (long)(t.Schedule.NextDouble() * gap)));
        }
    }

    private void Start(Timeline t)
    {
        var f = "start-" + t.Fault.Name;
        history.Add(OpType.Info, Op.NemesisProcess, f, null);
        var done = t.Fault.Start(t.Choices);
        t.Active = true;
        Record(f, done);
    }

    private async Task StopAsync(Timeline t)
    {
        var f = "stop-" + t.Fault.Name;
        history.Add(OpType.Info, Op.NemesisProcess, f, null);
        var done = await t.Fault.StopAsync();
        t.Active = false;
        Record(f, done);
    }

    private void Record(string f, string done)
    {
        history.Add(OpType.Info, Op.NemesisProcess, f, done);
        say?.Invoke($"{context.Scheduler.Now / 1e9,8:0.000}s nemesis {f}: {done}");
    }

    private sealed class Timeline(Fault fault, Random schedule, Random choices)
    {
        public Fault Fault { get; } = fault;
        public Random Schedule { get; } = schedule;
        public Random Choices { get; } = choices;
        public bool Active { get; set; }
    }
}
