namespace Glomers.BrokenNodes;

/// <summary>
/// The behaviours this executable can show, chosen with <c>--kind NAME</c>. Two are correct
/// references (broadcast-flood, counter-memory on one node); every other one breaks one rule.
/// </summary>
public enum BrokenKind
{
    BroadcastFlood,
    BroadcastNoForward,
    BroadcastForwardOnce,
    CounterMemory,
    CounterLossy,
    IdsRepeating,
    EchoWrong,
    CrashOnInit,
    ExitMidRun,
    Garbage,
    UnknownDest,
    MalformedReply,
    RepeatedKey,
    Silent,
}

public static class BrokenKinds
{
    public static readonly IReadOnlyDictionary<string, BrokenKind> ByName = new Dictionary<string, BrokenKind>(StringComparer.Ordinal)
    {
        ["broadcast-flood"] = BrokenKind.BroadcastFlood,
        ["broadcast-no-forward"] = BrokenKind.BroadcastNoForward,
        ["broadcast-forward-once"] = BrokenKind.BroadcastForwardOnce,
        ["counter-memory"] = BrokenKind.CounterMemory,
        ["counter-lossy"] = BrokenKind.CounterLossy,
        ["ids-repeating"] = BrokenKind.IdsRepeating,
        ["echo-wrong"] = BrokenKind.EchoWrong,
        ["crash-on-init"] = BrokenKind.CrashOnInit,
        ["exit-mid-run"] = BrokenKind.ExitMidRun,
        ["garbage"] = BrokenKind.Garbage,
        ["unknown-dest"] = BrokenKind.UnknownDest,
        ["malformed-reply"] = BrokenKind.MalformedReply,
        ["repeated-key"] = BrokenKind.RepeatedKey,
        ["silent"] = BrokenKind.Silent,
    };

    /// <summary>Reads <c>--kind NAME</c> or <c>--kind=NAME</c>; null with an error text for anything else.</summary>
    public static BrokenKind? Parse(IReadOnlyList<string> args, out string error)
    {
        string? name = null;
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == "--kind" && i + 1 < args.Count) name = args[++i];
            else if (args[i].StartsWith("--kind=", StringComparison.Ordinal)) name = args[i]["--kind=".Length..];
            else
            {
                error = $"unexpected argument '{args[i]}' (usage: BrokenNodes --kind NAME)";
                return null;
            }
        }
        if (name is not null && ByName.TryGetValue(name, out var kind))
        {
            error = "";
            return kind;
        }
        error = $"--kind must be one of: {string.Join(", ", ByName.Keys)}" + (name is null ? "" : $" (got '{name}')");
        return null;
    }
}
