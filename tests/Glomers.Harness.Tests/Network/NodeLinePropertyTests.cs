using CsCheck;
using Glomers.Harness.Cli;
using Glomers.Harness.Core;
using Glomers.Harness.History;
using Glomers.Harness.Network;
using Glomers.Harness.Tests.Bench;
using Glomers.NodeRuntime.Time;
using Glomers.Tests.Shared;

namespace Glomers.Harness.Tests.Network;

/// <summary>Whatever a node prints, the network takes it as a message or names it as a finding that quotes the line; it never throws.</summary>
public sealed class NodeLinePropertyTests
{
    private static readonly string[] Kinds = ["malformed-message", "invalid-source", "unknown-destination"];

    [Fact]
    public void EveryLineBecomesAMessageOrAFindingQuotingIt() =>
        EnvelopeLines.Text.Sample(line =>
        {
            var scheduler = new Scheduler(new VirtualTimeProvider());
            var findings = new List<Finding>();
            var network = new Router(scheduler, new Latency(LatencyDist.Constant, 0, new Random(1)), MessageLog.None, findings.Add);
            var endpoints = new[] { "n0", "n1", "c0", "seq-kv" }.Select(id => new RecordingEndpoint(id, scheduler)).ToArray();
            foreach (var e in endpoints) network.Add(e);

            scheduler.Run(async () =>
            {
                network.SendLine("n0", line);
                await scheduler.Delay(TimeSpan.FromMilliseconds(1));
                return 0;
            });

            var received = endpoints.SelectMany(e => e.Received).Select(r => r.Message).ToList();
            if (findings.Count == 1)
            {
                Assert.Equal(("n0", line), (findings[0].Node, findings[0].Line));
                Assert.Contains(findings[0].Kind, Kinds);
                Assert.Empty(network.Journal);
                return;
            }
            Assert.Empty(findings);
            var message = Assert.Single(received);
            // What a client or a service reads of it, and what the receiver gets, are there to read.
            Assert.Equal(message.Type, (string)message.Body["type"]!);
            Assert.True(Glomers.NodeRuntime.Protocol.Message.TryParse(message.Line, out var delivered, out var error), error);
            Assert.Equal((message.Src, message.Dest, message.Type), (delivered.Src, delivered.Dest, delivered.Type));
        }, iter: 5_000);
}
