using System.Text.Json.Nodes;

namespace Glomers.TxnKv;

/// <summary>
/// The registers of one replica, last writer wins by <see cref="Stamp"/>: merging the same writes
/// in any order, any number of times, leaves every replica with the same value per key.
/// </summary>
public sealed class Registers
{
    private readonly Dictionary<string, (JsonNode Key, JsonNode Value, Stamp Stamp)> cells = new(StringComparer.Ordinal);

    public int Count => cells.Count;

    public JsonNode? Read(string keyText) => cells.TryGetValue(keyText, out var c) ? c.Value : null;

    public Stamp? StampOf(string keyText) => cells.TryGetValue(keyText, out var c) ? c.Stamp : null;

    /// <summary>Keeps the write if its stamp is above the key's current one; true when it was kept.</summary>
    public bool Merge(FinalWrite write, Stamp stamp)
    {
        if (cells.TryGetValue(write.KeyText, out var c) && !(stamp > c.Stamp)) return false;
        cells[write.KeyText] = (write.Key, write.Value, stamp);
        return true;
    }

    public IEnumerable<(JsonNode Key, JsonNode Value)> Cells => cells.Values.Select(c => (c.Key, c.Value));
}
