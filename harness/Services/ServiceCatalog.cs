using Glomers.NodeRuntime.Randomness;

namespace Glomers.Harness.Services;

/// <summary>Maelstrom's default services, built fresh for one run.</summary>
public static class ServiceCatalog
{
    /// <summary>The service node ids, in the order Maelstrom lists them.</summary>
    public static readonly IReadOnlyList<string> Ids = ["lin-kv", "lin-tso", "lww-kv", "seq-kv"];

    /// <summary>
    /// The four services keyed by id. Each randomized service draws from its own stream of the
    /// run's <paramref name="seed"/>, so one service's traffic does not shift another's choices.
    /// </summary>
    public static IReadOnlyDictionary<string, IService> Create(long seed)
    {
        IService[] services =
        [
            new LinKvService(),
            new LinTsoService(),
            new LwwKvService(new SeededRandom(seed, "service/lww-kv")),
            new SeqKvService(new SeededRandom(seed, "service/seq-kv")),
        ];
        return services.ToDictionary(service => service.Id, StringComparer.Ordinal);
    }
}
