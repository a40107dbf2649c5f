using System.IO.Compression;
using System.Text.Json.Nodes;
using Glomers.Harness.Cli;
using Glomers.Harness.History;
using Glomers.Harness.Reports;
using Glomers.Harness.Tests.Checkers;
using Glomers.Harness.Tests.Fixtures;

namespace Glomers.Harness.Tests.History;

public sealed class HistoryFileTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("glomers-history-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private static IReadOnlyList<Op> ReadText(string text) => HistoryFile.Read(new StringReader(text), "h.edn");

    [Fact]
    public void Reads_maelstrom_edn_ops_with_nemesis_errors_and_final_reads()
    {
        var ops = ReadText("""
            {:index 0, :time 43944762, :type :info, :process :nemesis, :f :start-partition, :value [:isolated {"n2" #{"n1"}}]}
            {:index 1, :time 50, :type :invoke, :process 3, :f :cas, :value [0 [2 2]]}
            {:index 2, :time 60, :type :fail, :process 3, :f :cas, :value [0 [2 2]], :error [:key-does-not-exist "no such key"]}

            {:index 3, :time 70, :type :info, :process 4, :f :send, :value [[:send "9" 1]], :error :net-timeout, :unseen {"9" 2}}
            {:index 4, :time 80, :type :ok, :process 9, :f :read, :value 1287, :final? true}
            """);

        Assert.Equal(5, ops.Count);
        Assert.Equal(new Op(0, 43944762, OpType.Info, Op.NemesisProcess, "start-partition", null), ops[0] with { Value = null });
        Assert.Equal("""["isolated",{"n2":["n1"]}]""", ops[0].Value!.ToJsonString());
        Assert.Equal("[0,[2,2]]", ops[1].Value!.ToJsonString());
        Assert.Equal((OpType.Fail, 3, "cas", "[key-does-not-exist, no such key]"), (ops[2].Type, ops[2].Process, ops[2].F, ops[2].Error));
        Assert.Equal(("net-timeout", """[["send","9",1]]"""), (ops[3].Error, ops[3].Value!.ToJsonString()));
        Assert.Equal((4L, 80L, true, "1287"), (ops[4].Index, ops[4].Time, ops[4].Final, ops[4].Value!.ToJsonString()));
        Assert.All(ops.Take(4), op => Assert.False(op.Final));
    }

    [Fact]
    public void A_tagged_op_keeps_its_map()
    {
        var ops = ReadText("""{:index 7, :time 9, :type :ok, :process 0, :f :poll, :value #jepsen.history.Op{:index 2, :f :add}}""");
        Assert.Equal("""{"index":2,"f":"add"}""", ops[0].Value!.ToJsonString());
    }

    [Fact]
    public void Reads_back_what_the_run_store_writes()
    {
        var written = new HistoryBuilder()
            .Nemesis("start-partition")
            .Invoke(0, "send", JsonNode.Parse("""[["send","9",1]]"""))
            .Ok(0, JsonNode.Parse("""[["send","9",[0,1]]]"""))
            .Invoke(1, "read")
            .Info(1, null, "[key-does-not-exist, no such key]")
            .Invoke(2, "read", final: true)
            .Ok(2, HistoryBuilder.Ints(1, 2), final: true)
            .Ops.Select(op => op with { Node = op.IsClient ? "n1" : null }).ToList();
        var store = RunStore.Create(new TestOptions { Workload = "kafka", StoreRoot = dir }, DateTimeOffset.UnixEpoch);
        store.WriteHistory(written);

        var read = HistoryFile.Read(Path.Combine(store.Directory, "history.jsonl"));

        Assert.Equal(written.Select(op => op.ToJson().ToJsonString()), read.Select(op => op.ToJson().ToJsonString()));
        Assert.Equal(written.Select(op => (op.Process, op.Type, op.Error, op.Final, op.Node)), read.Select(op => (op.Process, op.Type, op.Error, op.Final, op.Node)));
    }

    [Fact]
    public void Reads_gzipped_histories_by_their_magic_number()
    {
        var path = Path.Combine(dir, "history.edn.gz");
        using (var gz = new GZipStream(File.Create(path), CompressionLevel.Fastest))
        using (var w = new StreamWriter(gz))
            w.WriteLine("{:index 0, :time 1, :type :invoke, :process 0, :f :echo, :value \"hi\"}");
        var plain = Path.Combine(dir, "renamed.gz");
        File.WriteAllText(plain, "{:index 0, :time 1, :type :invoke, :process 0, :f :echo, :value \"hi\"}\n");

        Assert.Equal("\"hi\"", HistoryFile.Read(path).Single().Value!.ToJsonString());
        Assert.Equal("\"hi\"", HistoryFile.Read(plain).Single().Value!.ToJsonString());
    }

    [Theory]
    [InlineData("{:index 1, :time 2, :type :invoke", 2, "not EDN")]
    [InlineData("{:index 1, :time 2, :type :invoke, :process 0, :f :read, :value [1 }]}", 2, "unexpected '}'")]
    [InlineData("{:index 1, :time 2, :type :invoke, :process 0, :f :read} {:index 2}", 2, "after the value")]
    [InlineData("[:index 1]", 2, "must be a map")]
    [InlineData("{:index 1, :time 2, :type :done, :process 0, :f :read}", 2, ":type done")]
    [InlineData("{:index 1, :type :ok, :process 0, :f :read}", 2, "no :time")]
    [InlineData("{:index 1, :time 2, :type :ok, :process :client, :f :read}", 2, ":process \"client\"")]
    [InlineData("{:index 1, :time 2, :type :ok, :process 0, :f \"read}", 2, "unterminated string")]
    public void A_malformed_line_is_named_by_file_and_line(string bad, int line, string reason)
    {
        var e = Assert.Throws<HistoryFormatException>(() =>
            ReadText("{:index 0, :time 1, :type :invoke, :process 0, :f :read, :value nil}\n" + bad + "\n"));
        Assert.Equal(("h.edn", (int?)line), (e.Path, e.Line));
        Assert.Contains(reason, e.Message);
        Assert.StartsWith($"h.edn, line {line}: ", e.Message);
    }

    [Fact]
    public void A_malformed_json_line_is_named_too()
    {
        var e = Assert.Throws<HistoryFormatException>(() => HistoryFile.Read(new StringReader("""
            {"index":0,"time":1,"type":"invoke","process":0,"f":"read","value":null}
            {"index":1,"time":2,"type":"ok","process":0,"f":"read","value":[1,
            """), "history.jsonl"));
        Assert.Equal(2, e.Line);
        Assert.Contains("not JSON", e.Message);
    }

    [Fact]
    public void Nesting_past_the_bound_is_an_error_not_a_crash()
    {
        var deep = new string('[', 100_000);
        var e = Assert.Throws<HistoryFormatException>(() => ReadText($"{{:index 0, :time 1, :type :ok, :process 0, :f :read, :value {deep}}}"));
        Assert.Equal(1, e.Line);
    }

    [Fact]
    public void A_truncated_gzip_or_a_binary_file_is_a_history_error()
    {
        var whole = File.ReadAllBytes(MaelstromFixture.Load("3b").HistoryPath);
        var truncated = Path.Combine(dir, "truncated.edn.gz");
        File.WriteAllBytes(truncated, whole[..(whole.Length / 2)]);
        var binary = Path.Combine(dir, "binary.edn");
        File.WriteAllBytes(binary, [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 7919 % 251))]);

        Assert.Equal(truncated, Assert.Throws<HistoryFormatException>(() => HistoryFile.Read(truncated)).Path);
        Assert.Equal((binary, (int?)1), Assert.Throws<HistoryFormatException>(() => HistoryFile.Read(binary)) is var e ? (e.Path, e.Line) : default);
    }

    [Fact]
    public void A_missing_file_is_a_history_error()
    {
        var path = Path.Combine(dir, "nope.edn");
        var e = Assert.Throws<HistoryFormatException>(() => HistoryFile.Read(path));
        Assert.Equal($"{path}: no such file", e.Message);
    }

    [Fact]
    public void Loads_a_maelstrom_fixture_with_its_results()
    {
        var echo = MaelstromFixture.Load("echo");

        Assert.Equal(new Op(0, 10675917, OpType.Invoke, 0, "echo", null), echo.History[0] with { Value = null });
        Assert.Equal("\"Please echo 5\"", echo.History[0].Value!.ToJsonString());
        Assert.Equal(Enumerable.Range(0, echo.History.Count).Select(i => (long)i), echo.History.Select(op => op.Index));
        Assert.Equal(true, (bool?)echo.Results["valid?"]);
        Assert.Equal(echo.History.Count / 2, (long?)echo.Results["stats"]?["count"]);
        Assert.Equal(["-w", "echo", "--node-count", "1", "--time-limit", "10"], echo.Flags);
        // Without --bin and without the node's own arguments after --.
        Assert.Equal(["-w", "broadcast", "--node-count", "25", "--time-limit", "20", "--rate", "100", "--latency", "100"], MaelstromFixture.Load("3e").Flags);
        Assert.Equal(["-w", "echo", echo.HistoryPath, "--node-count", "1", "--time-limit", "10", "--store", "s"], echo.CheckArgs("s"));
    }

    [Fact]
    public void ReadsEveryMaelstromFixtureInFull()
    {
        var folders = Directory.GetDirectories(MaelstromFixture.Root).Select(Path.GetFileName).Order().ToList();
        Assert.Contains("kafka_ok_5b", folders);
        foreach (var name in folders)
        {
            var history = MaelstromFixture.Load(name!).History;
            // Maelstrom numbers ops from 0 in file order: every line was read, none twice.
            Assert.True(history.Select((op, i) => op.Index == i).All(same => same), name);
            Assert.True(history.Count > 100, name);
        }
    }
}
