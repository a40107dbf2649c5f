namespace Glomers.Broadcast;

/// <summary>How a value that a client gave to one node travels to the others.</summary>
public enum BroadcastMode
{
    /// <summary>The receiving node tells every other node itself: one hop, 24 messages per value with 25 nodes.</summary>
    Direct,

    /// <summary>Leaves send to one hub, which sends to every leaf; both sides batch on a common clock.</summary>
    Hub,
}

/// <summary>Settings of the broadcast node, given after <c>--</c>: <c>--mode hub --batch-ms 450</c>.</summary>
public sealed class BroadcastOptions
{
    /// <summary>direct or hub (see <see cref="BroadcastMode"/>); a string so that a typo gets a clear error.</summary>
    public string Mode { get; set; } = "direct";

    public BroadcastMode Routing
    {
        get
        {
            foreach (var mode in Enum.GetValues<BroadcastMode>())
            {
                if (string.Equals(mode.ToString(), Mode, StringComparison.OrdinalIgnoreCase)) return mode;
            }
            throw new ArgumentException($"--mode must be direct or hub, not '{Mode}'");
        }
    }

    /// <summary>
    /// Batch period in ms: gossip leaves at multiples of it on the shared clock. 0 sends at once.
    /// When unset: 0 in direct mode, 450 in hub mode (the economy setting of step 3e).
    /// </summary>
    public int? BatchMs { get; set; }

    /// <summary>In hub mode, how long after each batch tick the hub sends downward: about one hop, so the leaves' batches are in.</summary>
    public int HubWindowMs { get; set; } = 120;

    /// <summary>Period of anti-entropy rounds while the overlay is quiet (one digest to one sync peer); 0 turns them off.</summary>
    public int AntiEntropyMs { get; set; } = 700;

    /// <summary>Values learned less than this long ago are left out of repairs: they are most likely still in flight.</summary>
    public int SettleMs { get; set; } = 1000;

    public TimeSpan BatchPeriod => TimeSpan.FromMilliseconds(BatchMs ?? (Routing == BroadcastMode.Hub ? 450 : 0));

    /// <summary>Throws a clear error for a setting that makes no sense.</summary>
    public void Validate()
    {
        _ = Routing;
        Require(BatchMs ?? 0, "--batch-ms");
        Require(HubWindowMs, "--hub-window-ms");
        Require(AntiEntropyMs, "--anti-entropy-ms");
        Require(SettleMs, "--settle-ms");
    }

    private static void Require(int ms, string flag)
    {
        if (ms < 0) throw new ArgumentException($"{flag} must be 0 or more milliseconds, not {ms}");
    }
}
