using Glomers.Tests.Processes;
using Glomers.Tests.Shared;

namespace Glomers.Echo.Tests;

/// <summary>
/// The Echo executable as maelstrom-tests.sh publishes it (Native AOT, artifacts/nodes/Echo/Echo) and
/// as the build makes it. A native publish exists only after maelstrom-tests.sh has run, so its case
/// is listed only then; the build's case always runs the same protocol through the same host code.
/// </summary>
public class PublishedEchoTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static string NativeEcho => Path.Combine(BuiltBinaries.RepositoryRoot, "artifacts", "nodes", "Echo", "Echo");

    public static TheoryData<string> Executables()
    {
        var kinds = new TheoryData<string> { "build" };
        if (File.Exists(NativeEcho) && PublishKind() == "aot") kinds.Add("native-aot");
        return kinds;
    }

    [Theory]
    [MemberData(nameof(Executables))]
    public void EchoAnswersInitAndEcho(string kind)
    {
        // A native executable stands alone; a .dll beside it would mean the marker is wrong.
        if (kind == "native-aot") Assert.False(File.Exists(Path.ChangeExtension(NativeEcho, ".dll")), "artifacts/nodes/Echo holds Echo.dll: not a Native AOT publish");
        using var echo = kind == "native-aot" ? NodeProcess.StartFile(NativeEcho, "--seed", "5") : NodeProcess.Start("Echo", "--seed", "5");

        echo.Write("""{"src":"c0","dest":"n2","body":{"type":"init","msg_id":1,"node_id":"n2","node_ids":["n1","n2"]}}""");
        Assert.Equal("""{"src":"n2","dest":"c0","body":{"type":"init_ok","msg_id":1,"in_reply_to":1}}""", echo.ReadLine(Patience));
        echo.Write(
            """{"src":"c1","dest":"n2","body":{"type":"echo","msg_id":7,"echo":{"nested":[1,2.5,"três",null,true]}}}""",
            """{"src":"c1","dest":"n2","body":{"type":"echo","msg_id":8}}""");
        var lines = echo.CloseAndReadToEnd(Patience);

        Assert.Equal(
        [
            """{"src":"n2","dest":"c1","body":{"type":"echo_ok","echo":{"nested":[1,2.5,"três",null,true]},"msg_id":2,"in_reply_to":7}}""",
            """{"src":"n2","dest":"c1","body":{"type":"error","code":12,"text":"echo: missing field 'echo'","msg_id":3,"in_reply_to":8}}""",
        ], lines);
        Assert.Equal(0, echo.ExitCode);
        Assert.Contains("Node n2 initialised", echo.Log);
    }

    private static string? PublishKind()
    {
        var marker = Path.Combine(Path.GetDirectoryName(NativeEcho)!, ".publish-kind");
        return File.Exists(marker) ? File.ReadAllText(marker).Trim() : null;
    }
}
