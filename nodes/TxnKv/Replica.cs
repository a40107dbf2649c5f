using System.Text.Json.Nodes;

namespace Glomers.TxnKv;

/// <summary>
/// One node's copy of the database in the totally available mode. A writing transaction takes the
/// stamp (clock + 1, this node) above everything this replica has seen, so it follows every write it
/// could have read; its final writes win here at once and are logged for the peers. Writes from a
/// peer move the clock up to their time and merge by stamp, one transaction at a time.
/// </summary>
public sealed class Replica(int self)
{
    private long clock;

    public Registers Registers { get; } = new();
    public WriteLog Log { get; } = new();
    public int Self { get; } = self;
    public long Clock => clock;

    /// <summary>Runs a transaction here and now; returns the reply's micro-ops.</summary>
    public JsonArray Execute(IReadOnlyList<MicroOp> ops)
    {
        var (done, writes) = TxnRun.Execute(ops, Registers.Read);
        if (writes.Count == 0) return done;
        var stamp = new Stamp(++clock, Self);
        foreach (var w in writes) Registers.Merge(w, stamp);
        Log.Append(new LoggedTxn(stamp.Time, writes));
        return done;
    }

    /// <summary>A peer's transaction, applied whole: each write is kept where its stamp is the newest.</summary>
    public void ApplyRemote(int origin, LoggedTxn txn)
    {
        clock = Math.Max(clock, txn.Time);
        var stamp = new Stamp(txn.Time, origin);
        foreach (var w in txn.Writes) Registers.Merge(w, stamp);
    }
}
