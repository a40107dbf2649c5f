using System.Text;
using Glomers.Harness.Reports;

namespace Glomers.Harness.Cli;

/// <summary>
/// The console while a test runs. On a terminal a live progress line stays at the bottom, redrawn
/// four times a second, and the run's own lines print above it; elsewhere (a CI log, a pipe) the
/// progress is a plain line every few seconds, so the log stays short.
/// </summary>
public sealed class ProgressConsole : TextWriter
{
    public static readonly TimeSpan LiveEvery = TimeSpan.FromMilliseconds(250);
    public static readonly TimeSpan PlainEvery = TimeSpan.FromSeconds(5);

    private readonly TextWriter inner;
    private readonly RunProgress progress;
    private readonly bool live;
    private readonly Timer timer;
    private readonly object gate = new();
    private bool statusShown, atLineStart = true, stopped;

    /// <param name="every">How often the progress is shown; null for <see cref="LiveEvery"/> or <see cref="PlainEvery"/>.</param>
    public ProgressConsole(TextWriter inner, RunProgress progress, bool live, TimeSpan? every = null)
    {
        this.inner = inner;
        this.progress = progress;
        this.live = live;
        var period = every ?? (live ? LiveEvery : PlainEvery);
        timer = new Timer(_ => Tick(), null, period, period);
    }

    /// <summary>A live line only on a terminal: redirected output gets plain lines.</summary>
    public static bool IsTerminal(TextWriter console) => ReferenceEquals(console, Console.Out) && !Console.IsOutputRedirected;

    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value) => Write(value.ToString());

    public override void Write(string? value)
    {
        if (string.IsNullOrEmpty(value)) return;
        lock (gate)
        {
            Clear();
            inner.Write(value);
            atLineStart = value.EndsWith('\n');
            if (atLineStart) Draw();
        }
    }

    public override void WriteLine(string? value) => Write((value ?? "") + NewLine);

    public override void WriteLine() => Write(NewLine);

    /// <summary>One turn of the timer: redraw the live line, or print a plain one.</summary>
    internal void Tick()
    {
        lock (gate)
        {
            if (stopped) return;
            if (live) Draw();
            else if (atLineStart) inner.WriteLine("  " + progress.Line());
            inner.Flush();
        }
    }

    private void Draw()
    {
        if (!live || stopped || !atLineStart) return;
        inner.Write("\r  " + progress.Line() + "\u001b[K");
        statusShown = true;
    }

    private void Clear()
    {
        if (!statusShown) return;
        inner.Write("\r\u001b[K");
        statusShown = false;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            timer.Dispose();
            lock (gate)
            {
                stopped = true;
                Clear();
                inner.Flush();
            }
        }
        base.Dispose(disposing);
    }
}
