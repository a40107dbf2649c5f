namespace Glomers.FloodBroadcast;

/// <summary>Settings after <c>--</c> on the command line.</summary>
public sealed class FloodBroadcastOptions
{
    /// <summary><c>--repair-ms N</c>: how often a node sends everything it knows to one neighbour; 0 turns repair off.</summary>
    public int RepairMs { get; set; } = 1000;
}
