using Glomers.Harness.Checkers;
using Glomers.Harness.Cli;

namespace Glomers.Harness.Tests.Checkers;

public class AvailabilityCheckerTests
{
    // Three invocations, two ok: ok-fraction 2/3.
    private static CheckResult TwoOfThree(TestOptions options) =>
        new HistoryBuilder().Nemesis("start-partition").Done(0, "echo", "a").Done(1, "echo", "b").Invoke(2, "echo", "c").Info(2)
            .Check(new AvailabilityChecker(), options);

    [Fact]
    public void OkFractionIsOksOverInvocations()
    {
        var result = TwoOfThree(new TestOptions());

        Assert.Equal(Validity.True, result.Valid);
        Assert.Equal("""{"ok-fraction":0.6666667}""", result.Details.ToJsonString());
    }

    [Theory]
    [InlineData(0.6, Validity.True)]
    [InlineData(0.7, Validity.False)]
    public void FractionRequirementIsALowerBound(double required, Validity expected) =>
        Assert.Equal(expected, TwoOfThree(new TestOptions { Availability = required }).Valid);

    [Fact]
    public void TotalRequiresEveryOpToSucceed()
    {
        var total = new TestOptions { Availability = 1.0, AvailabilityTotal = true };

        Assert.Equal(Validity.False, TwoOfThree(total).Valid);
        Assert.Equal(Validity.True, new HistoryBuilder().Done(0, "echo", "a").Check(new AvailabilityChecker(), total).Valid);
    }

    [Fact]
    public void NoInvocationsIsFullyAvailable()
    {
        var result = new HistoryBuilder().Check(new AvailabilityChecker(), new TestOptions { AvailabilityTotal = true, Availability = 1.0 });

        Assert.Equal(Validity.True, result.Valid);
        Assert.Equal("""{"ok-fraction":1}""", result.Details.ToJsonString());
    }
}
