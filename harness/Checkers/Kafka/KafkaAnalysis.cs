using Glomers.Harness.History;

namespace Glomers.Harness.Checkers.Kafka;

/// <summary>
/// The indices every kafka finding is computed from, built in a few passes over the decoded history:
/// which values ok polls read, which sends failed, who wrote and who first read each value, and each
/// key's <see cref="VersionOrder"/>. Arrays are per key, indexed by key-local value id.
/// </summary>
internal sealed class KafkaAnalysis
{
    public KafkaHistory History { get; }
    public bool[][] ReadOk { get; }
    public bool[][] FailedWrite { get; }

    /// <summary>The last completion that tried to write each value (kafka.clj's writer-of).</summary>
    public KafkaOp?[][] WriterOf { get; }

    /// <summary>The first completion that read each value (the head of kafka.clj's readers-of).</summary>
    public KafkaOp?[][] FirstReaderOf { get; }

    public VersionOrder[] Orders { get; }

    public KafkaAnalysis(KafkaHistory history)
    {
        History = history;
        var keys = history.Keys;
        ReadOk = PerKey(keys, n => new bool[n]);
        FailedWrite = PerKey(keys, n => new bool[n]);
        WriterOf = PerKey(keys, n => new KafkaOp?[n]);
        FirstReaderOf = PerKey(keys, n => new KafkaOp?[n]);
        Orders = [.. keys.Select(k => new VersionOrder(k))];

        foreach (var op in history.Ops)
        {
            if (op.Op.Type == OpType.Invoke) continue;
            if (op.IsPollLike)
                foreach (var r in op.Reads)
                    foreach (var m in r.Messages)
                    {
                        if (op.Op.Type == OpType.Ok) ReadOk[r.Key][m.Value] = true;
                        FirstReaderOf[r.Key][m.Value] ??= op;
                    }
            if (op.IsSendLike)
                foreach (var w in op.Writes)
                    foreach (var m in w.Messages)
                    {
                        WriterOf[w.Key][m.Value] = op;
                        if (op.Op.Type == OpType.Fail) FailedWrite[w.Key][m.Value] = true;
                    }
        }

        // Sends count towards the logs only once they are known to have taken effect; polls always do.
        foreach (var op in history.Ops)
        {
            if (!op.IsPollLike && !op.IsSendLike) continue;
            if (MustHaveCommitted(op))
                foreach (var w in op.Writes)
                    foreach (var m in w.Messages)
                        if (m.Offset is { } o) Orders[w.Key].Add(o, m.Value);
            foreach (var r in op.Reads)
                foreach (var m in r.Messages)
                    if (m.Offset is { } o) Orders[r.Key].Add(o, m.Value);
        }
        foreach (var order in Orders) order.Complete();
    }

    /// <summary>kafka.clj's must-have-committed?: ok, or info with some sent value read by an ok poll.</summary>
    public bool MustHaveCommitted(KafkaOp op)
    {
        if (op.Op.Type == OpType.Ok) return true;
        if (op.Op.Type != OpType.Info) return false;
        foreach (var w in op.Writes)
            foreach (var m in w.Messages)
                if (ReadOk[w.Key][m.Value]) return true;
        return false;
    }

    private static T[] PerKey<T>(List<KafkaKey> keys, Func<int, T> make) => [.. keys.Select(k => make(k.Values.Count))];
}
