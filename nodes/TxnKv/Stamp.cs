namespace Glomers.TxnKv;

/// <summary>
/// A transaction's place in the one order every replica agrees on: a Lamport time, ties broken by
/// the index of the node that ran it. The larger stamp wins a register.
/// </summary>
public readonly record struct Stamp(long Time, int Origin) : IComparable<Stamp>
{
    public int CompareTo(Stamp other) => Time != other.Time ? Time.CompareTo(other.Time) : Origin.CompareTo(other.Origin);

    public static bool operator >(Stamp a, Stamp b) => a.CompareTo(b) > 0;
    public static bool operator <(Stamp a, Stamp b) => a.CompareTo(b) < 0;

    public override string ToString() => $"{Time}@{Origin}";
}
