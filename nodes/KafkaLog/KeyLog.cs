using System.Text.Json.Nodes;

namespace Glomers.KafkaLog;

/// <summary>
/// One key's log as one node knows it. Offsets are interleaved slots: node i of n writes only offsets
/// n·c + i, c = 0, 1, …, its counter for the key, so nodes never compete for an offset and a send is
/// answered at once. Each node promises a counter below which its slots are final (filled or for ever
/// empty); an offset is decided once its writer's promise has passed it, and polls read only the
/// decided prefix, which never changes afterwards. A node raises its own counter to the highest
/// promise it hears, so the slots it skips stay few and offsets stay near the message count.
/// </summary>
public sealed class KeyLog
{
    private readonly int nodes;
    private readonly int me;
    private readonly long[] promised;
    private readonly SortedList<long, JsonNode?> entries = [];

    public KeyLog(int nodes, int me)
    {
        if (nodes <= 0) throw new ArgumentOutOfRangeException(nameof(nodes), nodes, "a log needs at least one node");
        if (me < 0 || me >= nodes) throw new ArgumentOutOfRangeException(nameof(me), me, $"node index must be in [0, {nodes})");
        this.nodes = nodes;
        this.me = me;
        promised = new long[nodes];
    }

    /// <summary>The counter this node's next own message gets; never below any promise heard.</summary>
    public long NextCounter { get; private set; }

    /// <summary>The counter below which this node's own slots are final here (and may be told to peers).</summary>
    public long OwnPromise => promised[me];

    public int Count => entries.Count;

    /// <summary>The highest offset holding a message, or -1.</summary>
    public long HighestOffset => entries.Count == 0 ? -1 : entries.Keys[^1];

    /// <summary>Every offset below this is decided: filled, or never to be filled.</summary>
    public long DecidedEnd
    {
        get
        {
            var end = long.MaxValue;
            for (var j = 0; j < nodes; j++) end = Math.Min(end, nodes * promised[j] + j);
            return end;
        }
    }

    public long OffsetOf(int node, long counter) => nodes * counter + node;

    /// <summary>The counter of the slot at <paramref name="offset"/>.</summary>
    public long CounterOf(long offset) => offset / nodes;

    /// <summary>Stores a message of this node's at its next slot and returns the offset; it becomes
    /// visible once <see cref="PromiseOwn"/> passes it.</summary>
    public long AppendOwn(JsonNode? message)
    {
        var offset = OffsetOf(me, NextCounter++);
        entries.Add(offset, message);
        return offset;
    }

    /// <summary>This node's slots below <paramref name="counter"/> are final (its messages there are
    /// durable and its skipped slots will never be used).</summary>
    public void PromiseOwn(long counter)
    {
        if (counter > NextCounter) throw new InvalidOperationException($"cannot promise counter {counter} past the next own counter {NextCounter}");
        promised[me] = Math.Max(promised[me], counter);
    }

    /// <summary>Raises the own counter past slots known to be used (recovery of this node's own messages).</summary>
    public void RestoreOwn(long offset, JsonNode? message)
    {
        CheckSlot(offset, me);
        entries.TryAdd(offset, message);
        NextCounter = Math.Max(NextCounter, offset / nodes + 1);
    }

    /// <summary>Raises the own counter (recovery of a promise this node made before).</summary>
    public void RestoreCounter(long counter) => NextCounter = Math.Max(NextCounter, counter);

    /// <summary>A peer's message at one of its slots (a repeat is ignored). Returns whether this
    /// node's own counter had to jump to keep up.</summary>
    public bool AddPeer(int node, long offset, JsonNode? message)
    {
        CheckSlot(offset, node);
        entries.TryAdd(offset, message);
        return Promise(node, offset / nodes + 1);
    }

    /// <summary>A peer's promise: its slots below <paramref name="counter"/> are final. Returns whether
    /// this node's own counter had to jump to keep up.</summary>
    public bool Promise(int node, long counter)
    {
        if (node == me || node < 0 || node >= nodes) throw new ArgumentOutOfRangeException(nameof(node), node, "not a peer's index");
        promised[node] = Math.Max(promised[node], counter);
        if (counter <= NextCounter) return false;
        NextCounter = counter;
        return true;
    }

    /// <summary>Decided messages from the first offset &gt;= <paramref name="from"/>, in order, at most <paramref name="max"/>.</summary>
    public List<(long Offset, JsonNode? Message)> Poll(long from, int max)
    {
        var result = new List<(long, JsonNode?)>();
        var end = DecidedEnd;
        var keys = entries.Keys;
        for (var i = LowerBound(keys, from); i < keys.Count && result.Count < max && keys[i] < end; i++)
            result.Add((keys[i], entries.Values[i]));
        return result;
    }

    private void CheckSlot(long offset, int node)
    {
        if (offset < 0 || offset % nodes != node)
            throw new ArgumentException($"offset {offset} is not a slot of node {node} of {nodes}", nameof(offset));
    }

    private static int LowerBound(IList<long> keys, long value)
    {
        int lo = 0, hi = keys.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (keys[mid] < value) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}
