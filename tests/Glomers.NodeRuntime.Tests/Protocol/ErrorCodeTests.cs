using Glomers.NodeRuntime.Protocol;

namespace Glomers.NodeRuntime.Tests.Protocol;

public class ErrorCodeTests
{
    [Theory]
    [InlineData(0, "timeout", false)]
    [InlineData(1, "node-not-found", true)]
    [InlineData(10, "not-supported", true)]
    [InlineData(11, "temporarily-unavailable", true)]
    [InlineData(12, "malformed-request", true)]
    [InlineData(13, "crash", false)]
    [InlineData(14, "abort", true)]
    [InlineData(20, "key-does-not-exist", true)]
    [InlineData(21, "key-already-exists", true)]
    [InlineData(22, "precondition-failed", true)]
    [InlineData(30, "txn-conflict", true)]
    [InlineData(2, "unknown", false)]
    [InlineData(999, "unknown", false)]
    [InlineData(1000, "unknown", false)]
    [InlineData(-1, "unknown", false)]
    public void EveryCodeHasMaelstromsNameAndDefiniteness(int wire, string name, bool definite)
    {
        var code = (ErrorCode)wire;

        Assert.Equal(name, code.Name());
        Assert.Equal(definite, code.IsDefinite());
        Assert.Equal(definite, new RpcException(code, "x").Definite);
    }

    [Fact]
    public void EveryDefinedCodeIsCovered()
    {
        Assert.Equal([0, 1, 10, 11, 12, 13, 14, 20, 21, 22, 30], Enum.GetValues<ErrorCode>().Select(c => (int)c));
    }
}
