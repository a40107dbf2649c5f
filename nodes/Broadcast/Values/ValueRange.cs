namespace Glomers.Broadcast.Values;

/// <summary>The values <see cref="Lo"/> to <see cref="Hi"/>, both included.</summary>
public readonly record struct ValueRange(long Lo, long Hi)
{
    public static ValueRange Of(long value) => new(value, value);

    public bool Contains(long value) => Lo <= value && value <= Hi;

    public override string ToString() => Lo == Hi ? $"{Lo}" : $"{Lo}-{Hi}";
}
