using System.Text.Json.Nodes;

namespace Glomers.Harness.Services;

/// <summary>
/// lww-kv: several independent <see cref="LwwReplica"/>s; each request runs on one picked at random.
/// </summary>
/// <remarks>
/// Maelstrom's code also merges one random replica into another on every request, but builds the
/// new replica vector from the unmerged one, so the merge never takes effect and the replicas never
/// converge. That is the default here too; <c>applyMerges</c> turns on the merge its documentation
/// describes.
/// </remarks>
public sealed class LwwKvService : IService
{
    public const int DefaultReplicaCount = 2;

    private readonly Random random;
    private readonly LwwReplica[] replicas;
    private readonly bool applyMerges;

    public LwwKvService(Random random, int replicaCount = DefaultReplicaCount, bool applyMerges = false)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfLessThan(replicaCount, 1);
        this.random = random;
        this.applyMerges = applyMerges;
        replicas = Enumerable.Repeat(LwwReplica.Empty, replicaCount).ToArray();
    }

    public string Id => "lww-kv";

    public IReadOnlyList<LwwReplica> Replicas => replicas;

    public JsonObject? Handle(string src, JsonObject body) => ServiceProtocol.DropIfMalformed(() => Apply(body));

    private JsonObject? Apply(JsonObject body)
    {
        var mergeSource = random.Next(replicas.Length);
        var mergeDestination = random.Next(replicas.Length);
        var target = random.Next(replicas.Length);

        var merged = applyMerges ? LwwReplica.Merge(replicas[mergeSource], replicas[mergeDestination]) : null;
        var replica = merged is not null && target == mergeDestination ? merged : replicas[target];
        // An unknown request aborts the whole update, merge included.
        if (replica.Handle(body) is not { } step) return null;
        if (merged is not null) replicas[mergeDestination] = merged;
        replicas[target] = step.State;
        return step.Reply;
    }
}
