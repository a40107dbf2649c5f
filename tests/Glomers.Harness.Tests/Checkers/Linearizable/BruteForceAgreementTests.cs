using System.Text.Json.Nodes;
using Glomers.Harness.Checkers;
using Glomers.Harness.Checkers.Linearizable;
using Glomers.Harness.History;
using static Glomers.Harness.Tests.Checkers.Linearizable.LinKvHistory;

namespace Glomers.Harness.Tests.Checkers.Linearizable;

/// <summary>
/// The search against the definition itself on small random histories: a history is linearizable
/// when some order of all its ok ops and any of its indefinite ones respects real time and the
/// register. Every such order is tried here, one by one.
/// </summary>
public class BruteForceAgreementTests
{
    private sealed record Call(string F, long? A, long? B, int CallAt, int ReturnAt);

    [Fact]
    public void Verdicts_equal_an_exhaustive_search_on_random_small_histories()
    {
        var rng = new Random(7);
        var verdicts = new Dictionary<Validity, int>();
        for (var run = 0; run < 1000; run++)
        {
            var h = RandomHistory(rng);
            var expected = Linearizable(Calls(h.Ops)) ? Validity.True : Validity.False;
            var actual = h.Check(new LinearizableChecker()).Valid;
            Assert.True(expected == actual, $"run {run}: expected {expected}, got {actual} for\n{string.Join("\n", h.Ops.Select(o => o.ToJson().ToJsonString()))}");
            verdicts[actual] = verdicts.GetValueOrDefault(actual) + 1;
        }
        // Both verdicts occur often enough for the comparison to mean something.
        Assert.True(verdicts.GetValueOrDefault(Validity.True) > 100 && verdicts.GetValueOrDefault(Validity.False) > 100, string.Join(", ", verdicts));
    }

    // Three processes, seven ops, values 0..2: small enough to try every order, tangled enough to need backtracking.
    private static HistoryBuilder RandomHistory(Random rng)
    {
        var h = new HistoryBuilder();
        var open = new Dictionary<int, JsonArray>();
        var started = 0;
        while (started < 7 || open.Count > 0)
        {
            var p = rng.Next(3);
            if (open.Remove(p, out var value))
            {
                var roll = rng.Next(10);
                var f = h.Ops.Last(o => o.Process == p).F;
                if (f == "read") _ = roll < 8 ? h.Ok(p, Kv(0, rng.Next(3))) : h.Fail(p, value, "[key-does-not-exist, no such key]");
                else _ = roll < 6 ? h.Ok(p, value) : roll < 8 ? h.Info(p, value) : h.Fail(p, value, "[precondition-failed, no]");
            }
            else if (started < 7)
            {
                started++;
                value = rng.Next(3) switch
                {
                    0 => Kv(0, null),
                    1 => Kv(0, rng.Next(3)),
                    _ => Kv(0, FromTo(rng.Next(3), rng.Next(3))),
                };
                h.Invoke(p, value[1] switch { null => "read", JsonArray => "cas", _ => "write" }, value);
                open[p] = value;
            }
        }
        return h;
    }

    private static List<Call> Calls(IReadOnlyList<Op> ops)
    {
        var calls = new List<Call>();
        for (var i = 0; i < ops.Count; i++)
        {
            if (ops[i].Type != OpType.Invoke) continue;
            var end = Enumerable.Range(i + 1, ops.Count - i - 1).First(j => ops[j].Process == ops[i].Process);
            var done = ops[end];
            if (done.Type == OpType.Fail || (ops[i].F == "read" && done.Type != OpType.Ok)) continue;
            var at = done.Type == OpType.Ok ? end : int.MaxValue;
            var v = ((JsonArray)(ops[i].F == "read" ? done.Value : ops[i].Value)!)[1];
            calls.Add(v is JsonArray ft
                ? new Call("cas", Number(ft[0]), Number(ft[1]), i, at)
                : new Call(ops[i].F, v is null ? null : Number(v), null, i, at));
        }
        return calls;
    }

    private static long Number(JsonNode? n) => JsonNumbers.TryGetInt64(n, out var v) ? v : throw new InvalidDataException($"{n} is not an integer");

    private static bool Linearizable(List<Call> calls)
    {
        var placed = new bool[calls.Count];
        var order = new List<Call>();
        return Extend();

        bool Extend()
        {
            if (Valid(order) && calls.Where((c, i) => !placed[i]).All(c => c.ReturnAt == int.MaxValue)) return true;
            for (var i = 0; i < calls.Count; i++)
            {
                if (placed[i]) continue;
                placed[i] = true;
                order.Add(calls[i]);
                // Prune only orders that are already wrong; what remains is every order there is.
                if (Valid(order) && Extend()) return true;
                order.RemoveAt(order.Count - 1);
                placed[i] = false;
            }
            return false;
        }
    }

    // An order is valid when no op precedes one that completed before it was invoked, and the register accepts it.
    private static bool Valid(List<Call> order)
    {
        for (var a = 0; a < order.Count; a++)
            for (var b = a + 1; b < order.Count; b++)
                if (order[b].ReturnAt < order[a].CallAt) return false;
        long? value = null;
        foreach (var c in order)
        {
            switch (c.F)
            {
                case "write": value = c.A; break;
                case "cas" when value == c.A: value = c.B; break;
                case "cas": return false;
                case "read" when c.A is not null && c.A != value: return false;
            }
        }
        return true;
    }
}
