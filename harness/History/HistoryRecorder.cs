using System.Text.Json.Nodes;
using Glomers.Harness.Core;

namespace Glomers.Harness.History;

/// <summary>Appends ops to the history with their index and time, on the scheduler.</summary>
public sealed class HistoryRecorder(Scheduler scheduler)
{
    private readonly List<Op> ops = [];

    public IReadOnlyList<Op> Ops => ops;

    /// <summary>Told of every op as it is recorded (the console's progress line).</summary>
    public Action<Op>? Observer { get; set; }

    public Op Add(OpType type, int process, string f, JsonNode? value, string? error = null, bool final = false, string? node = null)
    {
        var op = new Op(ops.Count, scheduler.Now, type, process, f, value) { Error = error, Final = final, Node = node };
        ops.Add(op);
        Observer?.Invoke(op);
        return op;
    }
}
