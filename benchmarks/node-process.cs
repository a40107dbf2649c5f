// Times a node executable as Maelstrom runs it, through pipes: start to init_ok, resident memory
// once it is idle after init, and echo throughput (requests written as fast as the pipe takes them).
//   dotnet run -c Release benchmarks/node-process.cs -- artifacts/nodes/Echo/Echo [--starts 20] [--echoes 200000] [--runs 3]
// The node must answer echo for the throughput figure (Echo does); for other nodes pass --echoes 0.
// To compare with ReadyToRun: dotnet publish nodes/Echo -c Release --use-current-runtime --self-contained false
//   -p:PublishReadyToRun=true -o /tmp/r2r-echo, then run this on /tmp/r2r-echo/Echo.
using System.Diagnostics;
using System.Globalization;

if (args.Length == 0 || args[0].StartsWith('-'))
{
    Console.Error.WriteLine("usage: node-process.cs BIN [--starts N] [--echoes N] [--runs N] [-- node arguments]");
    return 2;
}
var bin = Path.GetFullPath(args[0]);
var starts = Flag("--starts", 20);
var echoes = Flag("--echoes", 200_000);
var runs = Flag("--runs", 3);
var nodeArgs = args.SkipWhile(a => a != "--").Skip(1).ToArray();
const string Init = """{"src":"c0","dest":"n0","body":{"type":"init","msg_id":1,"node_id":"n0","node_ids":["n0"]}}""";

Console.WriteLine($"{bin} ({new FileInfo(bin).Length / 1024} KB), load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
var startMs = new List<double>();
var rssKb = new List<long>();
for (var i = 0; i < starts; i++)
{
    var (node, ms) = StartAndInit();
    startMs.Add(ms);
    Thread.Sleep(300); // idle: what the node holds once start-up work is over
    rssKb.Add(Rss(node.Id));
    Stop(node);
}
startMs.Sort();
rssKb.Sort();
Console.WriteLine($"start to init_ok over {starts} starts: min {startMs[0]:0.0} ms, median {startMs[starts / 2]:0.0} ms, max {startMs[^1]:0.0} ms");
Console.WriteLine($"VmRSS 300 ms after init_ok: min {rssKb[0] / 1024.0:0.0} MB, median {rssKb[starts / 2] / 1024.0:0.0} MB, max {rssKb[^1] / 1024.0:0.0} MB");

if (echoes > 0)
{
    var rates = new List<double>();
    for (var r = 0; r < runs; r++)
    {
        var (node, _) = StartAndInit();
        rates.Add(Echo(node, echoes));
        Console.WriteLine($"  VmRSS after {echoes} echoes: {Rss(node.Id) / 1024.0:0.0} MB");
        Stop(node);
    }
    rates.Sort();
    Console.WriteLine($"echo throughput, {echoes} requests per run, {runs} runs: {string.Join(", ", rates.Select(x => x.ToString("N0", CultureInfo.InvariantCulture)))} /s");
}
return 0;

(Process, double) StartAndInit()
{
    var info = new ProcessStartInfo(bin) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
    foreach (var a in nodeArgs) info.ArgumentList.Add(a);
    var clock = Stopwatch.StartNew();
    var node = Process.Start(info)!;
    node.ErrorDataReceived += (_, _) => { };
    node.BeginErrorReadLine();
    node.StandardInput.WriteLine(Init);
    node.StandardInput.Flush();
    var line = node.StandardOutput.ReadLine();
    var ms = clock.Elapsed.TotalMilliseconds;
    if (line is null || !line.Contains("\"init_ok\"")) throw new InvalidOperationException($"no init_ok from {bin}: {line}");
    return (node, ms);
}

double Echo(Process node, int count)
{
    var clock = Stopwatch.StartNew();
    var writer = new Thread(() =>
    {
        var input = node.StandardInput;
        for (var i = 0; i < count; i++)
            input.Write("{\"src\":\"c1\",\"dest\":\"n0\",\"body\":{\"type\":\"echo\",\"msg_id\":" + (i + 2) + ",\"echo\":\"Please echo " + i + "\"}}\n");
        input.Flush();
    });
    writer.Start();
    var replies = 0;
    while (replies < count && node.StandardOutput.ReadLine() is { } line)
        if (line.Contains("\"echo_ok\"")) replies++;
    var seconds = clock.Elapsed.TotalSeconds;
    writer.Join();
    if (replies < count) throw new InvalidOperationException($"only {replies} of {count} echo_ok");
    return count / seconds;
}

static long Rss(int pid) =>
    File.ReadLines($"/proc/{pid}/status").Where(l => l.StartsWith("VmRSS:")).Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1])).First();

static void Stop(Process node)
{
    node.StandardInput.Close();
    if (!node.WaitForExit(5000)) node.Kill();
    node.Dispose();
}

int Flag(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}
