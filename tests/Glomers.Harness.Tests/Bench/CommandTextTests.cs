using Glomers.Harness.Cli;
using Glomers.Harness.Tests.Sim;

namespace Glomers.Harness.Tests.Bench;

public sealed class CommandTextTests
{
    private static readonly string Bin = SimBench.Bin("Echo");

    [Fact]
    public void DefaultsAreLeftOutAndTheSeedIsAlwaysThere()
    {
        var options = CommandLine.ParseTest(["-w", "echo", "--bin", Bin, "--time-limit", "60", "--rate", "5", "--seed", "9"]);

        Assert.Equal($"glomers test -w echo --bin {Bin} --seed 9", CommandText.Of(options));
    }

    [Fact]
    public void EveryChangedFlagAndTheNodeArgumentsAreKept()
    {
        string[] args = ["-w", "broadcast", "--bin", Bin, "--node-count", "25", "--time-limit", "20", "--rate", "100", "--concurrency", "2n",
            "--latency", "100", "--latency-dist", "uniform", "--nemesis", "kill,partition", "--nemesis-interval", "2.5", "--topology", "tree4",
            "--availability", "total", "--key-count", "3", "--max-txn-length", "6", "--max-writes-per-key", "8",
            "--consistency-models", "read-committed", "--log-stderr", "--mode", "sim", "--recovery-time", "2", "--store", "/tmp/x y",
            "--seed", "12", "--", "--mode", "hub"];
        var text = CommandText.Of(CommandLine.ParseTest(args));

        Assert.Equal($"glomers test -w broadcast --bin {Bin} --node-count 25 --time-limit 20 --rate 100 --concurrency 2n --latency 100 " +
            "--latency-dist uniform --nemesis partition,kill --nemesis-interval 2.5 --availability total --topology tree4 --key-count 3 " +
            "--max-writes-per-key 8 --consistency-models read-committed --max-txn-length 6 --log-stderr --mode sim --recovery-time 2 " +
            "--store '/tmp/x y' --seed 12 -- --mode hub", text);
    }

    [Fact]
    public void ThePrintedCommandParsesBackToTheSameRun()
    {
        var options = CommandLine.ParseTest(["-w", "g-counter", "--bin", Bin, "--node-count", "3", "--rate", "0.5", "--concurrency", "4",
            "--availability", "0.99", "--nemesis", "pause", "--seed", "77", "--", "--batch-ms", "it's"]);
        var text = CommandText.Of(options);

        Assert.Equal(text, CommandText.Of(CommandLine.ParseTest(ShellWords(text)[2..])));
    }

    /// <summary>Splits a command as a POSIX shell does for bare words and single quotes (all CommandText writes).</summary>
    private static string[] ShellWords(string text)
    {
        var words = new List<string>();
        var word = new System.Text.StringBuilder();
        var inWord = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\'')
            {
                var end = text.IndexOf('\'', i + 1);
                word.Append(text, i + 1, end - i - 1);
                i = end;
                inWord = true;
            }
            else if (c == '\\' && i + 1 < text.Length)
            {
                word.Append(text[++i]);
            }
            else if (c == ' ')
            {
                if (inWord) words.Add(word.ToString());
                word.Clear();
                inWord = false;
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }
        if (inWord) words.Add(word.ToString());
        return [.. words];
    }
}
