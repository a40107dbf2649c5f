namespace Glomers.Harness.Checkers.Txn;

/// <summary>How many anti-dependency (rw) edges a cycle of some anomaly has, and whether two may be adjacent.</summary>
public enum RwRule
{
    /// <summary>No rw edge (G0, G1c).</summary>
    None,

    /// <summary>Exactly one (G-single).</summary>
    Single,

    /// <summary>Two or more, never two in a row (G-nonadjacent).</summary>
    Nonadjacent,

    /// <summary>Two or more, at least two in a row (G2 that is not G-nonadjacent).</summary>
    Adjacent,
}

/// <summary>
/// An Elle cycle anomaly over item (non-predicate) edges: the data edges it may use, its rw rule, whether it
/// needs a wr edge, and for the -process / -realtime variants the order edge it must use at least once.
/// Edges are taken by the relation that explains them (<see cref="RelNames.Label"/>), so a found cycle
/// is always of the named type.
/// </summary>
public sealed record CycleSpec(string Name, Rel Allowed, RwRule Rw, bool NeedsWr, Rel Variant)
{
    private static readonly CycleSpec[] Base =
    [
        new("G0", Rel.WW, RwRule.None, false, Rel.None),
        new("G1c", Rel.WW | Rel.WR, RwRule.None, true, Rel.None),
        new("G-single-item", Rel.WW | Rel.WR | Rel.RW, RwRule.Single, false, Rel.None),
        new("G-nonadjacent-item", Rel.WW | Rel.WR | Rel.RW, RwRule.Nonadjacent, false, Rel.None),
        new("G2-item", Rel.WW | Rel.WR | Rel.RW, RwRule.Adjacent, false, Rel.None),
    ];

    /// <summary>Every spec with its variants, in Elle's search order (worst first).</summary>
    public static IReadOnlyList<CycleSpec> All { get; } =
    [
        .. Base.SelectMany(s => new[]
            {
                s,
                s with { Name = s.Name + "-process", Allowed = s.Allowed | Rel.Process, Variant = Rel.Process },
                s with { Name = s.Name + "-realtime", Allowed = s.Allowed | Rel.Realtime, Variant = Rel.Realtime },
            })
            .OrderBy(s => s.Name, Comparer<string>.Create(ConsistencyModels.CompareDepth)),
    ];

    /// <summary>Every cycle anomaly type Elle knows, predicate ones included (they cannot occur over registers).</summary>
    public static IReadOnlySet<string> AllTypes { get; } = new HashSet<string>(
        new[] { "G0", "G1c", "G-single-item", "G-single", "G-nonadjacent-item", "G-nonadjacent", "G2-item", "G2" }
            .SelectMany(t => new[] { t, t + "-process", t + "-realtime" }));

    /// <summary>The edge kind every cycle of this spec contains, used to anchor the search.</summary>
    public Rel Anchor => Rw != RwRule.None ? Rel.RW : NeedsWr ? Rel.WR : Variant != Rel.None ? Variant : Rel.WW;
}
