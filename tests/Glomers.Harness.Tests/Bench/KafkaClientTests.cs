using System.Text.Json.Nodes;
using Glomers.Harness.History;
using Glomers.Harness.Workloads;
using Glomers.Harness.Workloads.Kafka;

namespace Glomers.Harness.Tests.Bench;

/// <summary>Maelstrom's kafka client, driven by hand: what it asks for, what it records, and how its offsets move.</summary>
public sealed class KafkaClientTests
{
    /// <summary>Answers calls from a queue of reply bodies (null: no reply in time) and keeps the requests.</summary>
    private sealed class Script(params string?[] replies)
    {
        private readonly Queue<string?> replies = new(replies);
        public List<JsonObject> Requests { get; } = [];

        public Task<JsonObject> Call(JsonObject body)
        {
            Requests.Add(body);
            var text = replies.Dequeue();
            if (text is null) throw new RpcFailedException(null);
            var reply = JsonNode.Parse(text)!.AsObject();
            reply["in_reply_to"] = Requests.Count;
            return reply["type"]?.ToString() == "error" ? throw new RpcFailedException(reply) : Task.FromResult(reply);
        }
    }

    private static Invocation Poll => new(KafkaOps.Poll, JsonNode.Parse("""[["poll"]]"""));

    private static Invocation Assign(params string[] keys) => new(KafkaOps.Assign, new JsonArray([.. keys.Select(k => (JsonNode)k)]));

    private static string Text(JsonNode? node) => node?.ToJsonString() ?? "null";

    [Fact]
    public async Task SendRecordsTheOffsetBesideTheValue()
    {
        var client = new KafkaClient();
        var script = new Script("""{"type":"send_ok","offset":7}""");

        var done = await client.InvokeAsync(new Invocation(KafkaOps.Send, JsonNode.Parse("""[["send","9",3]]""")), script.Call);

        Assert.Equal("""{"type":"send","key":"9","msg":3}""", Text(script.Requests[0]));
        Assert.Equal(OpType.Ok, done.Type);
        Assert.Equal("""[["send","9",[7,3]]]""", Text(done.Value));
    }

    [Fact]
    public async Task AssignStartsAtTheOwnOffsetElseTheCommittedOneElseZero()
    {
        var client = new KafkaClient();
        var script = new Script(
            """{"type":"list_committed_offsets_ok","offsets":{"1":4}}""",
            """{"type":"poll_ok","msgs":{"1":[[4,40],[5,50]]}}""",
            """{"type":"commit_offsets_ok"}""",
            """{"type":"list_committed_offsets_ok","offsets":{"1":2,"2":9}}""");

        await client.InvokeAsync(Assign("1", "3"), script.Call);
        Assert.Equal("""{"type":"list_committed_offsets","keys":["1","3"]}""", Text(script.Requests[0]));
        Assert.Equal(new Dictionary<string, long> { ["1"] = 4, ["3"] = 0 }, client.Offsets);

        await client.InvokeAsync(Poll, script.Call);
        // A later assign keeps the client's own offset for key 1 over the committed 2, and drops key 3.
        var done = await client.InvokeAsync(Assign("2", "1"), script.Call);

        Assert.Equal(new Dictionary<string, long> { ["2"] = 9, ["1"] = 6 }, client.Offsets);
        Assert.Equal((OpType.Ok, """["2","1"]"""), (done.Type, Text(done.Value)));
    }

    [Fact]
    public async Task PollAsksForEveryAssignedKeyMovesPastWhatCameBackAndCommitsTheHighest()
    {
        var client = new KafkaClient();
        var script = new Script(
            """{"type":"list_committed_offsets_ok","offsets":{}}""",
            """{"type":"poll_ok","msgs":{"a":[[0,1],[3,4]],"b":[],"c":[[2,9]]}}""",
            """{"type":"commit_offsets_ok"}""");
        await client.InvokeAsync(Assign("a", "b"), script.Call);

        var done = await client.InvokeAsync(Poll, script.Call);

        Assert.Equal("""{"type":"poll","offsets":{"a":0,"b":0}}""", Text(script.Requests[1]));
        // A key the node volunteers (c) is taken in; an empty key (b) is not committed.
        Assert.Equal("""{"type":"commit_offsets","offsets":{"a":3,"c":2}}""", Text(script.Requests[2]));
        Assert.Equal(new Dictionary<string, long> { ["a"] = 4, ["b"] = 0, ["c"] = 3 }, client.Offsets);
        Assert.Equal("""[["poll",{"a":[[0,1],[3,4]],"b":[],"c":[[2,9]]}]]""", Text(done.Value));
    }

    [Fact]
    public async Task AnEmptyPollCommitsNothingAndOffsetsNeverGoBack()
    {
        var client = new KafkaClient();
        var script = new Script(
            """{"type":"list_committed_offsets_ok","offsets":{"a":5}}""",
            """{"type":"poll_ok","msgs":{}}""",
            """{"type":"poll_ok","msgs":{"a":[[1,1]]}}""",
            """{"type":"commit_offsets_ok"}""");
        await client.InvokeAsync(Assign("a"), script.Call);

        await client.InvokeAsync(Poll, script.Call);
        Assert.Equal(2, script.Requests.Count);
        await client.InvokeAsync(Poll, script.Call);

        Assert.Equal(5, client.Offsets["a"]);
        Assert.Equal("""{"type":"commit_offsets","offsets":{"a":1}}""", Text(script.Requests[3]));
    }

    [Fact]
    public async Task SeekToBeginningStartsEveryKeyAtZeroWithoutAsking()
    {
        var client = new KafkaClient();
        var script = new Script();
        var seek = Assign("4", "5") with { Fields = new JsonObject { ["seek-to-beginning?"] = true } };

        await client.InvokeAsync(seek, script.Call);

        Assert.Empty(script.Requests);
        Assert.Equal(new Dictionary<string, long> { ["4"] = 0, ["5"] = 0 }, client.Offsets);
    }

    [Fact]
    public async Task CrashEndsInInfoWithoutARequest()
    {
        var script = new Script();
        var done = await new KafkaClient().InvokeAsync(new Invocation(KafkaOps.Crash, null), script.Call);

        Assert.Equal((OpType.Info, null), (done.Type, done.Value));
        Assert.Empty(script.Requests);
    }

    [Fact]
    public async Task AFailedCommitFailsThePollButTheOffsetsHaveMoved()
    {
        var client = new KafkaClient();
        var script = new Script(
            """{"type":"list_committed_offsets_ok","offsets":{}}""",
            """{"type":"poll_ok","msgs":{"a":[[0,1]]}}""",
            null);
        await client.InvokeAsync(Assign("a"), script.Call);

        var e = await Assert.ThrowsAsync<RpcFailedException>(() => client.InvokeAsync(Poll, script.Call));

        Assert.Null(e.Reply);
        Assert.Equal(1, client.Offsets["a"]);
    }

    [Theory]
    [InlineData("""{"type":"poll_ok","msgs":{"a":[[0]]}}""")]
    [InlineData("""{"type":"poll_ok","msgs":{"a":[["0",1]]}}""")]
    [InlineData("""{"type":"poll_ok","msgs":{"a":null}}""")]
    [InlineData("""{"type":"poll_ok"}""")]
    [InlineData("""{"type":"poll_ok","msgs":{},"extra":1}""")]
    public async Task APollReplyOutsideMaelstromsSchemaIsMalformed(string reply)
    {
        var script = new Script(reply);

        await Assert.ThrowsAsync<MalformedReplyException>(() => new KafkaClient().InvokeAsync(Poll, script.Call));
    }
}
