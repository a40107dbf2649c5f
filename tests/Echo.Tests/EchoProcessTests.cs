using System.Text.Json.Nodes;
using Glomers.Tests.Processes;

namespace Glomers.Echo.Tests;

public class EchoProcessTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public void EchoProcessAnswersExactlyAndOnlyWithProtocolLines()
    {
        using var echo = NodeProcess.Start("Echo");

        echo.Write(
            """{"id":0,"src":"c0","dest":"n1","body":{"type":"init","msg_id":1,"node_id":"n1","node_ids":["n1"]}}""",
            """{"id":1,"src":"c1","dest":"n1","body":{"type":"echo","msg_id":1,"echo":"Please echo 35"}}""",
            """this line is not a message""",
            """{"id":2,"src":"c1","dest":"n1","body":{"type":"teleport","msg_id":2}}""",
            """{"id":3,"src":"c1","dest":"n1","body":{"type":"echo","msg_id":3,"echo":{"é":["<>",1.5,null]}}}""",
            """{"id":4,"src":"c1","dest":"n1","body":{"type":"echo","msg_id":4}}""");
        var lines = echo.CloseAndReadToEnd(Patience);

        Assert.Equal(
        [
            """{"src":"n1","dest":"c0","body":{"type":"init_ok","msg_id":1,"in_reply_to":1}}""",
            """{"src":"n1","dest":"c1","body":{"type":"echo_ok","echo":"Please echo 35","msg_id":2,"in_reply_to":1}}""",
            """{"src":"n1","dest":"c1","body":{"type":"error","code":10,"text":"unsupported message type 'teleport'","msg_id":3,"in_reply_to":2}}""",
            """{"src":"n1","dest":"c1","body":{"type":"echo_ok","echo":{"é":["<>",1.5,null]},"msg_id":4,"in_reply_to":3}}""",
            """{"src":"n1","dest":"c1","body":{"type":"error","code":12,"text":"echo: missing field 'echo'","msg_id":5,"in_reply_to":4}}""",
        ], lines);
        Assert.Equal(0, echo.ExitCode);
        Assert.Contains("Skipped a malformed line", echo.Log);
        Assert.Contains("this line is not a message", echo.Log);
    }

    [Fact]
    public void EchoProcessAnswersInitOkBeforeInputEnds()
    {
        using var echo = NodeProcess.Start("Echo");

        echo.Write("""{"src":"c0","dest":"n3","body":{"type":"init","msg_id":1,"node_id":"n3","node_ids":["n1","n2","n3"]}}""");

        Assert.Equal("""{"src":"n3","dest":"c0","body":{"type":"init_ok","msg_id":1,"in_reply_to":1}}""", echo.ReadLine(Patience));
        Assert.Empty(echo.CloseAndReadToEnd(Patience));
        Assert.Equal(0, echo.ExitCode);
    }

    [Fact]
    public void ManyEchoesComeBackInOrderAsWholeMessages()
    {
        const int count = 5_000;
        using var echo = NodeProcess.Start("Echo");

        echo.Write("""{"src":"c0","dest":"n1","body":{"type":"init","msg_id":1,"node_id":"n1","node_ids":["n1"]}}""");
        echo.Write([.. Enumerable.Range(1, count).Select(i => $$$"""{"src":"c1","dest":"n1","body":{"type":"echo","msg_id":{{{i}}},"echo":"Please echo {{{i % 128}}}"}}""")]);
        var lines = echo.CloseAndReadToEnd(Patience);

        Assert.Equal(count + 1, lines.Count);
        for (var i = 1; i <= count; i++)
        {
            var body = JsonNode.Parse(lines[i])!["body"]!;
            Assert.Equal((i, $"Please echo {i % 128}"), (body["in_reply_to"]!.GetValue<int>(), body["echo"]!.GetValue<string>()));
        }
        Assert.Equal(0, echo.ExitCode);
    }

    [Fact]
    public void SigtermEndsTheProcessPromptly()
    {
        using var echo = NodeProcess.Start("Echo");
        echo.Write("""{"src":"c0","dest":"n1","body":{"type":"init","msg_id":1,"node_id":"n1","node_ids":["n1"]}}""");
        Assert.NotNull(echo.ReadLine(Patience));

        echo.Terminate();

        Assert.True(echo.WaitForExit(TimeSpan.FromSeconds(5)), "node still running 5 s after SIGTERM");
        Assert.Contains(echo.ExitCode, new[] { 0, 143 });
    }
}
