using System.Text.Json.Nodes;
using Glomers.Tests.Processes;

namespace Glomers.UniqueIds.Tests;

public class UniqueIdsProcessTests
{
    private const int PerNode = 10_000;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>Runs one node process through init and <see cref="PerNode"/> generates, and returns the ids in reply order.</summary>
    private static List<long> Generate(string nodeId)
    {
        using var node = NodeProcess.Start("UniqueIds");
        node.Write($$$"""{"src":"c0","dest":"{{{nodeId}}}","body":{"type":"init","msg_id":1,"node_id":"{{{nodeId}}}","node_ids":["n0","n1"]}}""");
        node.Write([.. Enumerable.Range(1, PerNode).Select(i => $$$"""{"src":"c1","dest":"{{{nodeId}}}","body":{"type":"generate","msg_id":{{{i}}}}}""")]);
        var lines = node.CloseAndReadToEnd(Patience);

        Assert.Equal(0, node.ExitCode);
        Assert.Equal(PerNode + 1, lines.Count);
        Assert.Equal($$$"""{"src":"{{{nodeId}}}","dest":"c0","body":{"type":"init_ok","msg_id":1,"in_reply_to":1}}""", lines[0]);
        var ids = new List<long>(PerNode);
        for (var i = 1; i <= PerNode; i++)
        {
            var body = JsonNode.Parse(lines[i])!["body"]!;
            Assert.Equal(("generate_ok", i), (body["type"]!.GetValue<string>(), body["in_reply_to"]!.GetValue<int>()));
            ids.Add(body["id"]!.GetValue<long>());
        }
        return ids;
    }

    [Fact]
    public async Task TwoNodeProcessesAndARestartNeverRepeatAnId()
    {
        // n0 and n1 run at the same time, so their ids share milliseconds; then n0 starts again.
        var both = await Task.WhenAll(Task.Run(() => Generate("n0")), Task.Run(() => Generate("n1")));
        var (n0, n1) = (both[0], both[1]);
        var n0Restarted = Generate("n0");

        Assert.Equal(3 * PerNode, n0.Concat(n1).Concat(n0Restarted).Distinct().Count());
        Assert.All(n0, id => Assert.Equal(0, SnowflakeIds.Parse(id).Node));
        Assert.All(n1, id => Assert.Equal(1, SnowflakeIds.Parse(id).Node));
        // A restarted node starts after every id of its previous run.
        Assert.True(n0Restarted.Min() > n0.Max());
    }
}
