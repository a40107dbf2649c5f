namespace Glomers.Harness.Checkers.Linearizable;

/// <summary>A configuration the search reached, with the op it linearized last (null for the start).</summary>
internal sealed record ReachedConfiguration(Configuration Configuration, RegisterOp? LastOp);

/// <summary>What the search of one key found.</summary>
internal abstract record SearchOutcome(int CachedStates)
{
    /// <summary>Every definite op was placed; <see cref="FinalState"/> is the register after them.</summary>
    public sealed record Linearizable(int FinalState, int CachedStates) : SearchOutcome(CachedStates);

    /// <summary>
    /// No order places the definite op <see cref="Stuck"/>, though every definite op that completed
    /// before it can be placed; <see cref="Furthest"/> are configurations that placed all of those.
    /// </summary>
    public sealed record NotLinearizable(RegisterOp Stuck, IReadOnlyList<ReachedConfiguration> Furthest, int CachedStates)
        : SearchOutcome(CachedStates);

    /// <summary>The search stopped at a bound before deciding; <see cref="PlacedDefinite"/> definite ops had been placed in order.</summary>
    public sealed record Unknown(string Cause, int PlacedDefinite, int CachedStates) : SearchOutcome(CachedStates);
}
