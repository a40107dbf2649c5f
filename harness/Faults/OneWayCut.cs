namespace Glomers.Harness.Faults;

/// <summary>
/// A one-way cut: the nodes, shuffled, split at a random point into senders and receivers; what the
/// senders send to the receivers is dropped, while the receivers still reach the senders.
/// </summary>
public static class OneWayCut
{
    public static (string[] Senders, string[] Receivers, Dictionary<string, HashSet<string>> Grudge) Pick(IReadOnlyList<string> nodes, Random random)
    {
        var shuffled = nodes.ToArray();
        random.Shuffle(shuffled);
        var cut = shuffled.Length < 2 ? shuffled.Length : random.Next(1, shuffled.Length);
        var senders = shuffled[..cut];
        var receivers = shuffled[cut..];
        var grudge = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var r in receivers) grudge[r] = senders.ToHashSet(StringComparer.Ordinal);
        return (senders, receivers, grudge);
    }

    public static string Describe(string[] senders, string[] receivers) =>
        $"{string.Join(",", senders.Order(StringComparer.Ordinal))} -/-> {string.Join(",", receivers.Order(StringComparer.Ordinal))}";
}
