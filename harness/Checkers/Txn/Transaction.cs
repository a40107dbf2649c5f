using Glomers.Harness.History;

namespace Glomers.Harness.Checkers.Txn;

/// <summary>How a transaction ended: committed, aborted, unknown (info), or never answered.</summary>
public enum TxnOutcome { Ok, Fail, Info, Pending }

/// <summary>
/// A txn op of the history: its invocation, its completion (null while pending) and its micro-ops.
/// External reads and writes are what other transactions can see (Elle's ext-reads / ext-writes):
/// a key's first micro-op when it is a read, and a key's last write.
/// </summary>
public sealed class Transaction
{
    public Transaction(int id, Op invoke, Op? completion, TxnOutcome outcome, MicroOp[] mops)
    {
        Id = id;
        Invoke = invoke;
        Completion = completion;
        Outcome = outcome;
        Mops = mops;
        var reads = new List<(int, int)>();
        var writes = new List<(int, int)>();
        var touched = new HashSet<int>();
        foreach (var m in mops)
        {
            if (!m.IsWrite && touched.Add(m.Key)) reads.Add((m.Key, m.Value));
            touched.Add(m.Key);
        }
        for (var i = mops.Length - 1; i >= 0; i--)
            if (mops[i].IsWrite && !writes.Exists(w => w.Item1 == mops[i].Key)) writes.Add((mops[i].Key, mops[i].Value));
        ExtReads = [.. reads];
        ExtWrites = [.. writes];
    }

    public int Id { get; }
    public Op Invoke { get; }
    public Op? Completion { get; }
    public TxnOutcome Outcome { get; }
    public MicroOp[] Mops { get; }
    public (int Key, int Value)[] ExtReads { get; }
    public (int Key, int Value)[] ExtWrites { get; }

    /// <summary>The op reports quote: the completion when there is one.</summary>
    public Op Op => Completion ?? Invoke;

    public bool IsOk => Outcome == TxnOutcome.Ok;

    public bool TryExtRead(int key, out int value) => Find(ExtReads, key, out value);

    public bool TryExtWrite(int key, out int value) => Find(ExtWrites, key, out value);

    private static bool Find((int Key, int Value)[] pairs, int key, out int value)
    {
        foreach (var (k, v) in pairs)
            if (k == key)
            {
                value = v;
                return true;
            }
        value = MicroOp.Nil;
        return false;
    }
}
