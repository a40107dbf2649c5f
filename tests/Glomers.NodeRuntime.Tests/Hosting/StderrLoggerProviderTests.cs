using System.Text;
using System.Text.RegularExpressions;
using Glomers.NodeRuntime.Hosting;
using Microsoft.Extensions.Logging;

namespace Glomers.NodeRuntime.Tests.Hosting;

public class StderrLoggerProviderTests
{
    [Fact]
    public void EachEntryIsOneLineWithTimeLevelCategoryAndText()
    {
        var stderr = new MemoryStream();
        using (var logs = new StderrLoggerProvider(stderr))
        {
            var log = logs.CreateLogger("EchoNode");
            log.LogInformation("Node {Id} initialised", "n1");
            log.LogError(new InvalidOperationException("two\nlines"), "Handler failed\nbadly");
        }

        var lines = Encoding.UTF8.GetString(stderr.ToArray()).Split('\n');

        Assert.Equal(3, lines.Length);
        Assert.Matches(new Regex(@"^\d\d:\d\d:\d\d\.\d{3} info: EchoNode\[0\] Node n1 initialised$"), lines[0]);
        Assert.Matches(new Regex(@"^\d\d:\d\d:\d\d\.\d{3} fail: EchoNode\[0\] Handler failed badly System.InvalidOperationException: two \| lines$"), lines[1]);
        Assert.Equal("", lines[2]);
    }

    [Fact]
    public void EntriesBelowTheMinimumAreDropped()
    {
        var stderr = new MemoryStream();
        using (var logs = new StderrLoggerProvider(stderr, LogLevel.Warning))
        {
            var log = logs.CreateLogger("n");
            log.LogInformation("quiet");
            log.LogWarning("loud");
            Assert.False(log.IsEnabled(LogLevel.Debug));
        }

        Assert.EndsWith(" warn: n[0] loud\n", Encoding.UTF8.GetString(stderr.ToArray()));
        Assert.DoesNotContain("quiet", Encoding.UTF8.GetString(stderr.ToArray()));
    }
}
