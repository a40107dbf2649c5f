using System.Text.Json.Nodes;

namespace Glomers.Harness.Checkers;

/// <summary>
/// Runs the workload checker and the always-on ones and gathers their results the way Maelstrom's
/// composed checker does: one entry per checker, each with its own "valid?", and an overall verdict
/// where false beats unknown beats true. A checker that throws yields unknown with the error, as
/// Jepsen's check-safe does, so one broken checker never hides the others.
/// </summary>
public static class ResultComposer
{
    public static CheckResult Compose(IChecker workload, CheckInput input)
    {
        var checkers = new (string Name, IChecker Checker)[]
        {
            ("workload", workload),
            ("stats", new StatsChecker()),
            ("net", new NetChecker()),
            ("availability", new AvailabilityChecker()),
            ("exceptions", new ExceptionsChecker()),
        };
        var valid = Validity.True;
        var results = new JsonObject();
        foreach (var (name, checker) in checkers)
        {
            var result = CheckSafely(checker, input);
            valid = valid.Merge(result.Valid);
            results[name] = result.ToJson();
        }
        return new CheckResult(valid, results);
    }

    private static CheckResult CheckSafely(IChecker checker, CheckInput input)
    {
        try
        {
            return checker.Check(input);
        }
        catch (Exception e)
        {
            return new CheckResult(Validity.Unknown, new JsonObject { ["error"] = $"{e.GetType().Name}: {e.Message}" });
        }
    }
}
