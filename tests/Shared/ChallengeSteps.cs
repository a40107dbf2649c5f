namespace Glomers.Tests.Shared;

/// <summary>
/// One line of challenge-steps.txt, the table ./maelstrom-tests.sh runs: the step, its node
/// (nodes/&lt;Node&gt;), its workload and flags, the node's arguments, and what a sweep adds.
/// </summary>
public sealed record ChallengeStep(string Name, string Node, string Flags, string NodeArgs, string SweepFaults, string SweepFlags)
{
    /// <summary>The workload the flags name (-w).</summary>
    public string Workload => Words(Flags).SkipWhile(w => w is not ("-w" or "--workload")).Skip(1).FirstOrDefault() ?? "";

    /// <summary>The flags without the workload, to which a test may add its own.</summary>
    public string FlagsWithoutWorkload
    {
        get
        {
            var words = Words(Flags).ToList();
            var at = words.FindIndex(w => w is "-w" or "--workload");
            if (at >= 0) words.RemoveRange(at, Math.Min(2, words.Count - at));
            return string.Join(' ', words);
        }
    }

    /// <summary>The flags a sweep runs: the step's own with its --nemesis replaced by the sweep faults, then the sweep flags.</summary>
    public string SweepRunFlags
    {
        get
        {
            var words = Words(FlagsWithoutWorkload).ToList();
            var at = words.IndexOf("--nemesis");
            if (SweepFaults.Length > 0 && at >= 0) words.RemoveRange(at, Math.Min(2, words.Count - at));
            if (SweepFaults.Length > 0) words.AddRange(["--nemesis", SweepFaults]);
            words.AddRange(Words(SweepFlags));
            return string.Join(' ', words);
        }
    }

    private static IEnumerable<string> Words(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>challenge-steps.txt at the repository root, read as the script reads it: # comments and blank lines skipped.</summary>
public static class ChallengeSteps
{
    public static string FilePath { get; } = Path.Combine(BuiltBinaries.RepositoryRoot, "challenge-steps.txt");

    public static IReadOnlyList<ChallengeStep> All { get; } = Parse(File.ReadAllLines(FilePath));

    /// <exception cref="KeyNotFoundException">No step has that name.</exception>
    public static ChallengeStep Get(string name) =>
        All.FirstOrDefault(s => s.Name == name)
        ?? throw new KeyNotFoundException($"no step '{name}' in {FilePath} (steps: {string.Join(" ", All.Select(s => s.Name))})");

    public static IReadOnlyList<ChallengeStep> Parse(IEnumerable<string> lines) =>
    [
        .. lines.Where(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith('#')).Select(line =>
        {
            var f = line.Split('|');
            string Field(int i) => i < f.Length ? f[i].Trim() : "";
            return f.Length >= 3
                ? new ChallengeStep(Field(0), Field(1), Field(2), Field(3), Field(4), Field(5))
                : throw new FormatException($"challenge-steps.txt: a step needs at least step|node|flags: '{line}'");
        }),
    ];
}
