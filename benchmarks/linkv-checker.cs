#:project ../harness/Glomers.Harness.csproj
// Times the lin-kv checker on Maelstrom's recorded lin-kv runs and on synthetic 20 s histories shaped like
// Maelstrom's lin-kv workload (3 nodes, --concurrency 2n, reads on n threads, write:cas 1:2 on the others,
// values 0..4, a new key after 20 processes), and shows where its bounds give unknown.
//   dotnet run -c Release benchmarks/linkv-checker.cs -- [fixtures-dir]
//   dotnet run -c Release benchmarks/linkv-checker.cs -- --bound   (only the search that hits the state bound, for its memory)
using System.Diagnostics;
using System.Text.Json.Nodes;
using Glomers.Harness.Checkers;
using Glomers.Harness.Checkers.Linearizable;
using Glomers.Harness.Cli;
using Glomers.Harness.History;

if (args is ["--bound"])
{
    var before = Process.GetCurrentProcess().WorkingSet64;
    Measure("18 concurrent info writes, impossible read", Synthetic.ConcurrentInfoWrites(18), new LinearizableChecker());
    Console.WriteLine($"working set before {before / (1 << 20)} MB, peak {Process.GetCurrentProcess().PeakWorkingSet64 / (1 << 20)} MB");
    return;
}
var fixtures = args.Length > 0 ? args[0] : Path.Combine("..", "shared", "fixtures", "maelstrom");

Measure("warm-up", Synthetic.Generate(seed: 99, rate: 100, seconds: 5, infoFraction: 0, staleReads: false), new LinearizableChecker());
Console.WriteLine($"{"history",-44} {"ops",6} {"keys",4} {"valid?",8} {"ms (median)",8} {"states",9}  cause");
foreach (var name in new[] { "linkv_ok", "linkv_stale" })
{
    var path = Path.Combine(fixtures, name, "history.edn.gz");
    if (File.Exists(path)) Measure($"fixture {name} (10 s, rate 100)", HistoryFile.Read(path), new LinearizableChecker(), runs: 5);
    else Console.WriteLine($"fixture {name}: {path} not found");
}
foreach (var rate in new[] { 100.0, 1000.0 })
{
    Measure($"synthetic 20 s rate {rate} correct", Synthetic.Generate(1, rate, 20, 0, false), new LinearizableChecker(), runs: 5);
    Measure($"synthetic 20 s rate {rate} stale reads", Synthetic.Generate(1, rate, 20, 0, true), new LinearizableChecker(), runs: 5);
}
Console.WriteLine("timed-out writes and cas (info, may take effect any time later), 20 s, rate 100, default bounds:");
foreach (var info in new[] { 0.01, 0.02, 0.05, 0.1, 0.2, 0.3 })
    Measure($"synthetic 20 s rate 100 info {info:P0}", Synthetic.Generate(1, 100, 20, info, false), new LinearizableChecker());
Console.WriteLine("rate 1000:");
foreach (var info in new[] { 0.01, 0.05, 0.1 })
    Measure($"synthetic 20 s rate 1000 info {info:P0}", Synthetic.Generate(1, 1000, 20, info, false), new LinearizableChecker());
Console.WriteLine("stale reads with timed-out writes and cas, 20 s, rate 100 (an invalid verdict needs the whole space searched):");
foreach (var info in new[] { 0.01, 0.02, 0.05, 0.1, 0.2 })
    Measure($"synthetic 20 s rate 100 stale info {info:P0}", Synthetic.Generate(1, 100, 20, info, true), new LinearizableChecker());
Console.WriteLine("k timed-out writes of distinct values, all concurrent, then a read of a value none wrote:");
foreach (var k in new[] { 8, 10, 12, 14, 16, 18, 20 })
    Measure($"{k} concurrent info writes, impossible read", Synthetic.ConcurrentInfoWrites(k), new LinearizableChecker());
Console.WriteLine($"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / (1 << 20)} MB");

// The median of a few runs: the machine is shared, single runs vary by several times.
static void Measure(string name, IReadOnlyList<Op> history, IChecker checker, int runs = 1)
{
    CheckResult result = null!;
    var times = new List<double>();
    for (var i = 0; i < runs; i++)
    {
        var clock = Stopwatch.StartNew();
        result = checker.Check(new CheckInput(history, [], [], new TestOptions()));
        times.Add(clock.Elapsed.TotalMilliseconds);
    }
    var ms = times.Order().ElementAt(runs / 2);
    var keys = result.Details["results"]!.AsObject();
    var states = keys.Sum(k => (int?)k.Value!["linearizable"]!["cached-states"] ?? 0);
    var causes = string.Join("; ", keys.Select(k => (string?)k.Value!["linearizable"]!["cause"]).OfType<string>().Distinct());
    if (name != "warm-up")
        Console.WriteLine($"{name,-44} {history.Count,6} {keys.Count,4} {result.Valid.ToJson().ToJsonString(),8} {ms,8:0.0} {states,9}  {causes}");
}

/// <summary>A lin-kv run against one atomic register per key, with optional stale reads and timeouts.</summary>
static class Synthetic
{
    private const int Nodes = 3;
    private const int Concurrency = 2 * Nodes;
    private const int ProcessesPerKey = 20;
    private const long Ms = 1_000_000;

    private sealed record Planned(int Process, int Key, string F, long A, long B, long InvokeAt, long EffectAt, long DoneAt, bool TimesOut, bool Applies);

    /// <summary>k writes that all time out, then one read that no order of them explains.</summary>
    public static IReadOnlyList<Op> ConcurrentInfoWrites(int k)
    {
        var ops = new List<Op>();
        for (var p = 0; p < k; p++) ops.Add(new Op(ops.Count, ops.Count * Ms, OpType.Invoke, p, "write", new JsonArray(0, p)));
        for (var p = 0; p < k; p++) ops.Add(new Op(ops.Count, ops.Count * Ms, OpType.Info, p, "write", new JsonArray(0, p)) { Error = "net-timeout" });
        ops.Add(new Op(ops.Count, ops.Count * Ms, OpType.Invoke, k, "read", new JsonArray(0, null)));
        ops.Add(new Op(ops.Count, ops.Count * Ms, OpType.Ok, k, "read", new JsonArray(0, -1)));
        return ops;
    }

    public static IReadOnlyList<Op> Generate(int seed, double rate, double seconds, double infoFraction, bool staleReads)
    {
        var rng = new Random(seed);
        var freeAt = new long[Concurrency];
        var process = Enumerable.Range(0, Concurrency).ToArray();
        var keyProcesses = new HashSet<int>();
        var key = 0;
        var planned = new List<Planned>();
        double t = 0;
        var end = seconds * 1e9;
        while (true)
        {
            t += rng.NextDouble() * 2 / rate * 1e9;
            var free = Enumerable.Range(0, Concurrency).Where(c => freeAt[c] <= t).ToList();
            if (free.Count == 0)
            {
                t = freeAt.Min();
                free = [.. Enumerable.Range(0, Concurrency).Where(c => freeAt[c] <= t)];
            }
            if (t >= end) break;
            var thread = free[rng.Next(free.Count)];
            var p = process[thread];
            if (!keyProcesses.Contains(p) && keyProcesses.Count == ProcessesPerKey)
            {
                key++;
                keyProcesses.Clear();
            }
            keyProcesses.Add(p);
            var f = thread < Nodes ? "read" : rng.Next(3) == 0 ? "write" : "cas";
            var invokeAt = (long)t;
            var effectAt = invokeAt + (long)((0.2 + rng.NextDouble() * 1.8) * Ms);
            var doneAt = effectAt + (long)((0.2 + rng.NextDouble() * 1.8) * Ms);
            var timesOut = f != "read" && rng.NextDouble() < infoFraction;
            var applies = !timesOut || rng.Next(2) == 0;
            if (timesOut)
            {
                doneAt = invokeAt + 1000 * Ms;
                process[thread] += Concurrency;
            }
            freeAt[thread] = doneAt;
            planned.Add(new Planned(p, key, f, rng.Next(5), rng.Next(5), invokeAt, effectAt, doneAt, timesOut, applies));
        }

        // Apply the effects in the order of their linearization points to learn each op's outcome. A completion
        // sorts before an invoke at the same instant, so a thread finishes one op before it starts the next.
        var state = new Dictionary<int, long?>();
        var copy = new Dictionary<int, long?>();
        long copiedAt = 0;
        var events = new List<(long At, int Order, Op Op)>();
        foreach (var op in planned.OrderBy(o => o.EffectAt))
        {
            while (op.EffectAt - copiedAt >= 500 * Ms)
            {
                copiedAt += 500 * Ms;
                foreach (var (k, v) in state) copy[k] = v;
            }
            var current = state.GetValueOrDefault(op.Key);
            JsonNode? invokeValue;
            JsonNode? doneValue;
            OpType type = OpType.Ok;
            string? error = null;
            switch (op.F)
            {
                case "read":
                    var seen = staleReads ? copy.GetValueOrDefault(op.Key) : current;
                    invokeValue = new JsonArray(op.Key, null);
                    doneValue = new JsonArray(op.Key, seen);
                    if (seen is null) (type, error, doneValue) = (OpType.Fail, "[key-does-not-exist, no such key]", invokeValue.DeepClone());
                    break;
                case "write":
                    invokeValue = new JsonArray(op.Key, op.A);
                    doneValue = invokeValue.DeepClone();
                    if (op.Applies) state[op.Key] = op.A;
                    break;
                default:
                    invokeValue = new JsonArray(op.Key, new JsonArray(op.A, op.B));
                    doneValue = invokeValue.DeepClone();
                    if (current is null) (type, error) = (OpType.Fail, "[key-does-not-exist, no such key]");
                    else if (current != op.A) (type, error) = (OpType.Fail, $"[precondition-failed, current value {current} is not {op.A}]");
                    else if (op.Applies) state[op.Key] = op.B;
                    break;
            }
            if (op.TimesOut) (type, error) = (OpType.Info, "net-timeout");
            events.Add((op.InvokeAt, 1, new Op(0, op.InvokeAt, OpType.Invoke, op.Process, op.F, invokeValue)));
            events.Add((op.DoneAt, 0, new Op(0, op.DoneAt, type, op.Process, op.F, doneValue) { Error = error }));
        }
        return [.. events.OrderBy(e => e.At).ThenBy(e => e.Order).Select((e, i) => e.Op with { Index = i })];
    }
}
