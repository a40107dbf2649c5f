namespace Glomers.Harness.Checkers.Txn;

/// <summary>
/// The dependency graph over transactions (vertices are <see cref="Transaction.Id"/>s). Each edge
/// carries every relation that orders its two ends; self-edges are never kept.
/// </summary>
public sealed class TxnGraph
{
    private readonly List<int>[] _out;
    private readonly List<Rel>[] _rels;
    // Keyed by the pair, whose hash mixes both ends (a long's hash, from ^ to, collides for nearby ids).
    private readonly Dictionary<(int, int), int> _position = [];

    public TxnGraph(int vertexCount)
    {
        _out = new List<int>[vertexCount];
        _rels = new List<Rel>[vertexCount];
        for (var i = 0; i < vertexCount; i++)
        {
            _out[i] = [];
            _rels[i] = [];
        }
    }

    public int VertexCount => _out.Length;

    public int EdgeCount => _position.Count;

    public void Link(int from, int to, Rel rel)
    {
        if (from == to) return;
        var key = (from, to);
        if (_position.TryGetValue(key, out var at))
        {
            _rels[from][at] |= rel;
            return;
        }
        _position[key] = _out[from].Count;
        _out[from].Add(to);
        _rels[from].Add(rel);
    }

    public IReadOnlyList<int> Out(int v) => _out[v];

    public IReadOnlyList<Rel> OutRels(int v) => _rels[v];

    public Rel RelsOf(int from, int to) =>
        _position.TryGetValue((from, to), out var at) ? _rels[from][at] : Rel.None;

    /// <summary>Which relations occur anywhere in the graph.</summary>
    public Rel AllRels()
    {
        var all = Rel.None;
        foreach (var rels in _rels) foreach (var r in rels) all |= r;
        return all;
    }
}
