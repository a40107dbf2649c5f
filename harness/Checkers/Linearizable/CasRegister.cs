namespace Glomers.Harness.Checkers.Linearizable;

/// <summary>
/// Knossos's cas-register model over value ids. The state is the id of the current value; the
/// register starts at null (id 0), which is what a key that was never written holds. A read that
/// returned null constrains nothing, as in Knossos.
/// </summary>
internal static class CasRegister
{
    public const int Initial = 0;

    /// <summary>A read whose value is unknown: it matches any state.</summary>
    public const int AnyValue = -1;

    /// <summary>What <see cref="Step"/> returns when the op cannot happen in that state.</summary>
    public const int Inconsistent = -1;

    public static int Step(int state, RegisterOp op) => op.Kind switch
    {
        RegisterOpKind.Write => op.Arg,
        RegisterOpKind.Cas => op.Arg == state ? op.To : Inconsistent,
        _ => op.Arg == AnyValue || op.Arg == state ? state : Inconsistent,
    };

    /// <summary>Why <paramref name="op"/> cannot happen in <paramref name="state"/>, in Knossos's words.</summary>
    public static string Why(int state, RegisterOp op, RegisterValues values) => op.Kind switch
    {
        RegisterOpKind.Cas => $"can't CAS {values.Text(state)} from {values.Text(op.Arg)} to {values.Text(op.To)}",
        RegisterOpKind.Read => $"can't read {values.Text(op.Arg)} from register {values.Text(state)}",
        _ => "a write always succeeds",
    };
}
