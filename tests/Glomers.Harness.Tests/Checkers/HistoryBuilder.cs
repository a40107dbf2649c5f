using System.Text.Json.Nodes;
using Glomers.Harness.Checkers;
using Glomers.Harness.Cli;
using Glomers.Harness.History;

namespace Glomers.Harness.Tests.Checkers;

/// <summary>
/// Builds histories for checker tests. Each op takes the current time, then the clock moves on 1 ms;
/// <see cref="At"/> sets the clock. A completion takes its f from the process's open invocation.
/// </summary>
internal sealed class HistoryBuilder
{
    private const long NanosPerMs = 1_000_000;
    private readonly List<Op> _ops = [];
    private readonly Dictionary<int, string> _open = [];
    private long _time;

    public IReadOnlyList<Op> Ops => _ops;

    public HistoryBuilder At(long ms)
    {
        _time = ms * NanosPerMs;
        return this;
    }

    public HistoryBuilder Invoke(int process, string f, JsonNode? value = null, bool final = false)
    {
        _open[process] = f;
        return Append(new Op(0, 0, OpType.Invoke, process, f, value) { Final = final });
    }

    public HistoryBuilder Ok(int process, JsonNode? value = null, bool final = false) =>
        Complete(process, OpType.Ok, value, null, final);

    public HistoryBuilder Fail(int process, JsonNode? value = null, string error = "net-timeout") =>
        Complete(process, OpType.Fail, value, error, false);

    public HistoryBuilder Info(int process, JsonNode? value = null, string error = "net-timeout") =>
        Complete(process, OpType.Info, value, error, false);

    /// <summary>An invocation and its ok completion with the same value.</summary>
    public HistoryBuilder Done(int process, string f, JsonNode? value) => Invoke(process, f, value).Ok(process, value?.DeepClone());

    /// <summary>A read invoked and completed ok, returning these elements.</summary>
    public HistoryBuilder Read(int process, params long[] seen) => Invoke(process, "read").Ok(process, Ints(seen));

    public HistoryBuilder Nemesis(string f) => Append(new Op(0, 0, OpType.Info, Op.NemesisProcess, f, null));

    public CheckInput Input(TestOptions? options = null, IReadOnlyList<NetEvent>? journal = null, IReadOnlyList<Finding>? findings = null) =>
        new(_ops, journal ?? [], findings ?? [], options ?? new TestOptions());

    public CheckResult Check(IChecker checker, TestOptions? options = null) => checker.Check(Input(options));

    public static JsonArray Ints(params long[] values) => new([.. values.Select(v => (JsonNode)v)]);

    private HistoryBuilder Complete(int process, OpType type, JsonNode? value, string? error, bool final)
    {
        if (!_open.Remove(process, out var f)) throw new InvalidOperationException($"process {process} has no open invocation");
        return Append(new Op(0, 0, type, process, f, value) { Error = error, Final = final });
    }

    private HistoryBuilder Append(Op op)
    {
        _ops.Add(op with { Index = _ops.Count, Time = _time });
        _time += NanosPerMs;
        return this;
    }
}
