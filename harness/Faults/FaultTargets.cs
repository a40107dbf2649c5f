namespace Glomers.Harness.Faults;

/// <summary>Which nodes a pause or a kill hits, as Jepsen picks them: one node, a minority, a majority, or all.</summary>
public static class FaultTargets
{
    public static readonly string[] Specs = ["one", "minority", "majority", "all"];

    public static string[] Pick(IReadOnlyList<string> nodes, Random random)
    {
        var spec = Specs[random.Next(Specs.Length)];
        var shuffled = nodes.ToArray();
        random.Shuffle(shuffled);
        var n = shuffled.Length;
        var count = spec switch
        {
            "one" => 1,
            "minority" => Math.Max(1, (n - 1) / 2),
            "majority" => n / 2 + 1,
            _ => n,
        };
        return [.. shuffled[..Math.Min(count, n)].Order(StringComparer.Ordinal)];
    }
}
