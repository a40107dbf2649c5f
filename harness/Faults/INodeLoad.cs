namespace Glomers.Harness.Faults;

/// <summary>A cluster that can run its nodes as on a busy machine (sim mode), for the slow fault. Called on the scheduler.</summary>
public interface INodeLoad
{
    /// <summary>The costs and stalls of the run (--slow-cost, --slow-stall, --slow-stalls).</summary>
    SlowModel Model { get; }

    /// <summary>Makes the node slow, its costs and stalls drawn from <paramref name="random"/>; null runs it at full speed again.</summary>
    void Slow(string node, Random? random);
}
