using System.Text.Json.Nodes;

namespace Glomers.Harness.Checkers;

/// <summary>Stands in for a workload checker that does not exist yet: the run is judged unknown, never valid by default.</summary>
public sealed class NoCheckerYet(string workload) : IChecker
{
    public CheckResult Check(CheckInput input) =>
        new(Validity.Unknown, new JsonObject { ["error"] = $"no checker yet for workload '{workload}'" });
}
