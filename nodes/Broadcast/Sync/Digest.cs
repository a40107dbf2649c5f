using Glomers.Broadcast.Values;

namespace Glomers.Broadcast.Sync;

/// <summary>
/// What a node tells a peer in an anti-entropy round: every value it has, and which of them are
/// still recent (in flight elsewhere, so not worth repairing yet).
/// </summary>
public sealed record Digest(ValueSet Have, ValueSet Recent)
{
    /// <summary>
    /// The answer of a node that holds <paramref name="mine"/> (of which <paramref name="myRecent"/>
    /// are recent) to this digest: the settled values it can give, and the settled ones it wants.
    /// </summary>
    public Repair AnswerFrom(ValueSet mine, ValueSet myRecent) => new(
        Give: mine.Except(Have).Except(myRecent),
        Want: Have.Except(Recent).Except(mine));
}

/// <summary>The two halves of one anti-entropy answer; empty halves cost no message.</summary>
public sealed record Repair(ValueSet Give, ValueSet Want)
{
    public bool IsEmpty => Give.IsEmpty && Want.IsEmpty;
}
