using Glomers.Harness.History;

namespace Glomers.Harness.Checkers.Linearizable;

internal enum RegisterOpKind { Read, Write, Cas }

/// <summary>
/// One operation on one key's register, as the search sees it. <see cref="Arg"/> and <see cref="To"/>
/// are ids from the key's <see cref="RegisterValues"/>: a read's value (or <see cref="CasRegister.AnyValue"/>),
/// a write's value, a cas's from and to. <see cref="CallAt"/> and <see cref="ReturnAt"/> are
/// positions in the whole history; an indefinite op returns at <see cref="Never"/>.
/// Ids: definite ops first, numbered in the order they completed, then the indefinite ones, so the
/// longest run of linearized ids from 0 says how far through the history a linearization got.
/// </summary>
internal sealed record RegisterOp(int Id, RegisterOpKind Kind, int Arg, int To, Op Invoke, Op? Completion, int CallAt, int ReturnAt)
{
    public const int Never = int.MaxValue;

    public bool Definite => ReturnAt != Never;
}
