using System.Collections.Concurrent;
using System.Text;

namespace Glomers.NodeRuntime.Transport;

/// <summary>
/// Maelstrom's transport: lines on stdin, lines on stdout. One writer thread owns stdout and
/// flushes whenever its queue runs dry, so a burst costs one write call and a lone reply waits for none.
/// </summary>
public sealed class StdioTransport : ITransport, IDisposable
{
    private readonly TextReader input;
    private readonly Stream output;
    private readonly BlockingCollection<string> outbox = new(new ConcurrentQueue<string>());
    private readonly Thread writer;

    public StdioTransport(Stream? input = null, Stream? output = null)
    {
        this.input = new StreamReader(input ?? Console.OpenStandardInput(), new UTF8Encoding(false), false, 1 << 16);
        this.output = output ?? Console.OpenStandardOutput();
        writer = new Thread(WriteLoop) { IsBackground = true, Name = "stdout-writer" };
        writer.Start();
    }

    public void Start(Action<string> onLine, Action onClosed)
    {
        var reader = new Thread(() =>
        {
            try
            {
                while (input.ReadLine() is { } line)
                {
                    if (line.Length > 0) onLine(line);
                }
            }
            catch (IOException)
            {
                // A broken stdin ends input just as EOF does.
            }
            onClosed();
        }) { IsBackground = true, Name = "stdin-reader" };
        reader.Start();
    }

    public void Send(string line)
    {
        try { outbox.Add(line); }
        catch (InvalidOperationException) { /* shutting down: the line has nowhere to go */ }
    }

    private void WriteLoop()
    {
        var buffer = new MemoryStream(1 << 16);
        var encoder = new UTF8Encoding(false);
        try
        {
            foreach (var first in outbox.GetConsumingEnumerable())
            {
                buffer.SetLength(0);
                Append(first);
                while (buffer.Length < (1 << 20) && outbox.TryTake(out var next)) Append(next);
                output.Write(buffer.GetBuffer(), 0, (int)buffer.Length);
                output.Flush();
            }
        }
        catch (IOException)
        {
            // The reader of stdout is gone; nothing more can be said.
        }

        void Append(string line)
        {
            var bytes = encoder.GetBytes(line);
            buffer.Write(bytes);
            buffer.WriteByte((byte)'\n');
        }
    }

    /// <summary>Writes out every queued line, then stops the writer.</summary>
    public void Dispose()
    {
        outbox.CompleteAdding();
        writer.Join(TimeSpan.FromSeconds(5));
    }
}
