namespace Glomers.Harness.Checkers.Txn;

/// <summary>
/// One read or write of a transaction, with its key and value interned as small integers by
/// <see cref="TxnHistory"/>. <see cref="Value"/> is <see cref="Nil"/> for a read of a missing key.
/// </summary>
public readonly record struct MicroOp(bool IsWrite, int Key, int Value)
{
    public const int Nil = -1;
}
