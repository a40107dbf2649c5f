namespace Glomers.Harness.Services;

/// <summary>Maelstrom's default services, built fresh for one run.</summary>
public static class ServiceCatalog
{
    /// <summary>The service node ids, in the order Maelstrom lists them.</summary>
    public static readonly IReadOnlyList<string> Ids = ["lin-kv", "lin-tso", "lww-kv", "seq-kv"];

    /// <summary>
    /// The four services keyed by id. Each randomized service gets its own generator seeded from
    /// <paramref name="random"/>, so one service's traffic does not shift another's choices.
    /// </summary>
    public static IReadOnlyDictionary<string, IService> Create(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        IService[] services =
        [
            new LinKvService(),
            new LinTsoService(),
            new LwwKvService(new Random(random.Next())),
            new SeqKvService(new Random(random.Next())),
        ];
        return services.ToDictionary(service => service.Id, StringComparer.Ordinal);
    }
}
