using Glomers.Harness.Services;
using static Glomers.Harness.Tests.Services.Requests;

namespace Glomers.Harness.Tests.Services;

public class LinTsoServiceTests
{
    [Fact]
    public void TimestampsCountUpFromZeroAcrossCallers()
    {
        var tso = new LinTsoService();
        var stamps = Enumerable.Range(0, 5).Select(i => tso.Call($"n{i % 2}", """{"type":"ts","msg_id":3}""")).ToList();
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $$"""{"type":"ts_ok","ts":{{i}}}"""), stamps);
    }

    [Fact]
    public void UnknownRequestGetsNoReplyAndUsesNoTimestamp()
    {
        var tso = new LinTsoService();
        Assert.Null(tso.Call("n0", Read("x")));
        Assert.Equal("""{"type":"ts_ok","ts":0}""", tso.Call("n0", """{"type":"ts"}"""));
    }
}
