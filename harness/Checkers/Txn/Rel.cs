namespace Glomers.Harness.Checkers.Txn;

/// <summary>
/// Why one transaction must precede another. Data edges: ww (T2 overwrote T1's version), wr (T2 read
/// T1's write), rw (T1 read a version T2 overwrote). Order edges: realtime (T1 completed before T2
/// was invoked) and process (the same process ran T1, then T2).
/// </summary>
[Flags]
public enum Rel : byte
{
    None = 0,
    WW = 1,
    WR = 2,
    RW = 4,
    Realtime = 8,
    Process = 16,
}

public static class RelNames
{
    /// <summary>
    /// The one relation an edge is explained by when it has several, in Elle's explainer order:
    /// wr, then ww, then rw, then realtime, then process.
    /// </summary>
    public static Rel Label(Rel rels) =>
        (rels & Rel.WR) != 0 ? Rel.WR
        : (rels & Rel.WW) != 0 ? Rel.WW
        : (rels & Rel.RW) != 0 ? Rel.RW
        : (rels & Rel.Realtime) != 0 ? Rel.Realtime
        : rels & Rel.Process;

    public static string Name(Rel rel) => rel switch
    {
        Rel.WW => "ww",
        Rel.WR => "wr",
        Rel.RW => "rw",
        Rel.Realtime => "realtime",
        Rel.Process => "process",
        _ => rel.ToString().ToLowerInvariant(),
    };
}
