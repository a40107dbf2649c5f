using System.Diagnostics;

namespace Glomers.Harness.Checkers.Linearizable;

/// <summary>
/// Wing and Gong's search for a linearization with Lowe's memoisation, over one key's ops. The
/// history is a linked list of call and return events; the search linearizes the first call it can
/// (a call before any pending return whose op the model accepts), lifts that op out of the list and
/// starts over; reaching a return means the op returning there was not placed in time, so it
/// backtracks. A configuration (linearized set, state) already explored is not explored again.
/// Indefinite ops have no return event: they may be placed at any point after their call, or never.
/// </summary>
internal sealed class LinearizationSearch
{
    /// <summary>How many of the furthest configurations are kept for the failure report.</summary>
    public const int KeptConfigurations = 10;

    private const int Nil = -1;
    private const int Head = 0;
    private const int ClockCheckEvery = 1024;

    private readonly IReadOnlyList<RegisterOp> _ops;
    private readonly int _definiteCount;
    private readonly int[] _next;
    private readonly int[] _prev;
    private readonly int[] _opOfNode;
    private readonly bool[] _isCall;
    private readonly int[] _callNode;
    private readonly int[] _returnNode;

    /// <param name="ops">One key's ops, indexed by id (definite ids first).</param>
    public LinearizationSearch(IReadOnlyList<RegisterOp> ops)
    {
        _ops = ops;
        _definiteCount = ops.Count(o => o.Definite);
        var events = new List<(int At, int Op, bool Call)>();
        foreach (var op in ops)
        {
            events.Add((op.CallAt, op.Id, true));
            if (op.Definite) events.Add((op.ReturnAt, op.Id, false));
        }
        events.Sort((a, b) => a.At.CompareTo(b.At));

        var nodes = events.Count + 1;
        _next = new int[nodes];
        _prev = new int[nodes];
        _opOfNode = new int[nodes];
        _isCall = new bool[nodes];
        _callNode = new int[ops.Count];
        _returnNode = new int[ops.Count];
        Array.Fill(_returnNode, Nil);
        for (var n = 0; n < nodes; n++)
        {
            _prev[n] = n - 1;
            _next[n] = n + 1 < nodes ? n + 1 : Nil;
        }
        for (var i = 0; i < events.Count; i++)
        {
            var (_, op, call) = events[i];
            _opOfNode[i + 1] = op;
            _isCall[i + 1] = call;
            if (call) _callNode[op] = i + 1;
            else _returnNode[op] = i + 1;
        }
    }

    public SearchOutcome Run(Stopwatch clock, TimeSpan timeLimit, int maxCachedStates)
    {
        var linearized = new LinearizedSet(_ops.Count);
        var start = linearized.Freeze(CasRegister.Initial);
        var cache = new HashSet<Configuration> { start };
        var furthest = new List<ReachedConfiguration> { new(start, null) };
        var furthestPrefix = 0;
        var trail = new Stack<(RegisterOp Op, int StateBefore)>();
        var state = CasRegister.Initial;
        var entry = _next[Head];
        long steps = 0;

        while (true)
        {
            if (steps++ % ClockCheckEvery == 0 && clock.Elapsed >= timeLimit)
                return new SearchOutcome.Unknown($"time limit of {timeLimit.TotalSeconds:0.###} s reached", furthestPrefix, cache.Count);

            // No return left in the list: every definite op is placed; unplaced indefinite ones never happened.
            if (entry == Nil) return new SearchOutcome.Linearizable(state, cache.Count);

            var op = _ops[_opOfNode[entry]];
            if (_isCall[entry])
            {
                var after = CasRegister.Step(state, op);
                if (after != CasRegister.Inconsistent)
                {
                    linearized.Add(op.Id);
                    var config = linearized.Freeze(after);
                    if (cache.Add(config))
                    {
                        if (cache.Count > maxCachedStates)
                            return new SearchOutcome.Unknown($"more than {maxCachedStates} cached states", furthestPrefix, cache.Count);
                        var prefix = Math.Min(config.PrefixLength, _definiteCount);
                        if (prefix > furthestPrefix)
                        {
                            furthestPrefix = prefix;
                            furthest.Clear();
                        }
                        if (prefix == furthestPrefix && furthest.Count < KeptConfigurations) furthest.Add(new(config, op));
                        trail.Push((op, state));
                        state = after;
                        Lift(op.Id);
                        entry = _next[Head];
                        continue;
                    }
                    linearized.Remove(op.Id);
                }
                entry = _next[entry];
                continue;
            }

            // A return whose op is not placed yet: this branch is dead.
            if (trail.Count == 0)
                return new SearchOutcome.NotLinearizable(_ops[furthestPrefix], furthest, cache.Count);
            var (undone, before) = trail.Pop();
            linearized.Remove(undone.Id);
            Unlift(undone.Id);
            state = before;
            entry = _next[_callNode[undone.Id]];
        }
    }

    private void Lift(int op)
    {
        Unlink(_callNode[op]);
        if (_returnNode[op] != Nil) Unlink(_returnNode[op]);
    }

    // Dancing links: a node put back in the reverse order of removal finds its neighbours as it left them.
    private void Unlift(int op)
    {
        if (_returnNode[op] != Nil) Relink(_returnNode[op]);
        Relink(_callNode[op]);
    }

    private void Unlink(int node)
    {
        _next[_prev[node]] = _next[node];
        if (_next[node] != Nil) _prev[_next[node]] = _prev[node];
    }

    private void Relink(int node)
    {
        _next[_prev[node]] = node;
        if (_next[node] != Nil) _prev[_next[node]] = node;
    }
}
