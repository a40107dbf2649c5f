using Glomers.Harness.Checkers;

namespace Glomers.Harness.Tests.Sim;

/// <summary>The same short test in sim and process mode: correct nodes pass in both, a broken one fails in both.</summary>
public class AgreementTests
{
    private static readonly string[] Short = ["--node-count", "3", "--time-limit", "3", "--rate", "20", "--recovery-time", "1"];

    [Theory]
    [InlineData("echo", "Echo", Validity.True)]
    [InlineData("unique-ids", "UniqueIds", Validity.True)]
    [InlineData("g-counter", "LocalCounter", Validity.False)]
    public void SimAndProcessModesAgree(string workload, string node, Validity expected)
    {
        var sim = SimBench.Execute(SimBench.Options(workload, node, "sim", 9, Short));
        var process = SimBench.Execute(SimBench.Options(workload, node, "process", 9, Short));

        Assert.Equal(expected, sim.Valid);
        Assert.Equal(expected, process.Valid);
    }
}
