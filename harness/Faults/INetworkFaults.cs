namespace Glomers.Harness.Faults;

/// <summary>
/// What the network faults need from the network: cuts it applies when a message is due (a
/// partition's grudge and a one-way cut, which come and go independently) and duplicate delivery.
/// Only server nodes are ever cut or duplicated. Called on the scheduler.
/// </summary>
public interface INetworkFaults
{
    /// <summary>Blocks, for each destination, the sources in its set.</summary>
    void Partition(Dictionary<string, HashSet<string>> blocked);

    void Heal();

    /// <summary>A second grudge, for the one-way fault, so that it and a partition can come and go independently.</summary>
    void BlockOneWay(Dictionary<string, HashSet<string>> blocked);

    void UnblockOneWay();

    /// <summary>From now on each message between two server nodes is delivered twice with this chance (0 stops it).</summary>
    void Duplicate(double chance, Random? random);
}
