using System.IO.Pipes;
using System.Text;
using Glomers.NodeRuntime.Transport;

namespace Glomers.NodeRuntime.Tests.Transport;

public class StdioTransportTests
{
    [Fact]
    public void ConcurrentSendsFromManyThreadsProduceWholeLines()
    {
        const int threads = 8, perThread = 5_000;
        using var stdout = new AnonymousPipeServerStream(PipeDirection.In);
        using var nodeEnd = new AnonymousPipeClientStream(PipeDirection.Out, stdout.ClientSafePipeHandle);
        var lines = new List<string>();
        var reader = new Thread(() =>
        {
            using var r = new StreamReader(stdout, Encoding.UTF8);
            while (r.ReadLine() is { } line) lines.Add(line);
        });
        reader.Start();

        using (var transport = new StdioTransport(new MemoryStream(), nodeEnd))
        {
            var senders = Enumerable.Range(0, threads).Select(t => new Thread(() =>
            {
                // Lines of different lengths, some long enough to span pipe buffers.
                for (var i = 0; i < perThread; i++)
                    transport.Send($$$"""{"src":"n1","dest":"c{{{t}}}","body":{"type":"x","i":{{{i}}},"pad":"{{{new string('é', i % 7 == 0 ? 3000 : i % 50)}}}"}}""");
            })).ToArray();
            foreach (var s in senders) s.Start();
            foreach (var s in senders) s.Join();
        }
        nodeEnd.Dispose();
        reader.Join();

        Assert.Equal(threads * perThread, lines.Count);
        for (var t = 0; t < threads; t++)
        {
            var mine = lines.Where(l => l.StartsWith($$"""{"src":"n1","dest":"c{{t}}",""", StringComparison.Ordinal)).ToList();
            Assert.Equal(perThread, mine.Count);
            for (var i = 0; i < perThread; i++)
                Assert.Equal($$$"""{"src":"n1","dest":"c{{{t}}}","body":{"type":"x","i":{{{i}}},"pad":"{{{new string('é', i % 7 == 0 ? 3000 : i % 50)}}}"}}""", mine[i]);
        }
    }

    [Fact]
    public void InputLinesArriveInOrderWithoutBlankLinesThenClose()
    {
        var input = new MemoryStream(Encoding.UTF8.GetBytes("first\n\nsecond é\r\nthird"));
        using var transport = new StdioTransport(input, new MemoryStream());
        var received = new List<string>();
        using var closed = new ManualResetEventSlim();

        transport.Start(received.Add, closed.Set);

        Assert.True(closed.Wait(TimeSpan.FromSeconds(30)));
        Assert.Equal(["first", "second é", "third"], received);
    }

    [Fact]
    public void DisposeFlushesEveryQueuedLine()
    {
        var output = new MemoryStream();
        var transport = new StdioTransport(new MemoryStream(), output);

        for (var i = 0; i < 1000; i++) transport.Send($"line {i}");
        transport.Dispose();

        Assert.Equal(string.Concat(Enumerable.Range(0, 1000).Select(i => $"line {i}\n")), Encoding.UTF8.GetString(output.ToArray()));
    }

    [Fact]
    public void SendAfterDisposeIsIgnored()
    {
        var output = new MemoryStream();
        var transport = new StdioTransport(new MemoryStream(), output);
        transport.Dispose();

        transport.Send("too late");

        Assert.Equal(0, output.Length);
    }

    [Fact]
    public void ClosedReaderOfOutputDoesNotCrashTheWriter()
    {
        var stdout = new AnonymousPipeServerStream(PipeDirection.In);
        var nodeEnd = new AnonymousPipeClientStream(PipeDirection.Out, stdout.ClientSafePipeHandle);
        stdout.Dispose();
        var transport = new StdioTransport(new MemoryStream(), nodeEnd);

        for (var i = 0; i < 100; i++) transport.Send(new string('x', 10_000));
        transport.Dispose();
        nodeEnd.Dispose();

        transport.Send("still no exception");
    }
}
