using Glomers.Harness.Checkers;
using Glomers.Harness.Core;
using Glomers.Harness.Nodes;

namespace Glomers.Harness.Tests.Sim;

public class SimClusterTests
{
    [Fact]
    public void EchoRunsValidInSimMode()
    {
        var run = SimBench.Execute(SimBench.Options("echo", "Echo", "sim", 3, "--node-count", "3", "--time-limit", "5", "--rate", "20"));

        Assert.Equal(Validity.True, run.Valid);
        Assert.Equal(1.0, (double)run.Results["availability"]!["ok-fraction"]!);
    }

    [Fact]
    public void NodeArgumentsReachTheNodeClassAsForTheBinary()
    {
        // GCounter rejects a negative timeout in its constructor: the node never starts, the bench goes on.
        var run = SimBench.Execute(SimBench.Options("g-counter", "GCounter", "sim", 3, "--node-count", "2", "--time-limit", "1", "--", "--kv-timeout-ms", "-5"));

        Assert.Equal(Validity.False, run.Valid);
        Assert.StartsWith("init-failed", (string)run.Results["aborted"]!);
        Assert.Contains("node-exited", run.Exceptions);
        Assert.Contains("failed to start: ArgumentException", run.Results.ToJsonString());
    }

    [Fact]
    public void BinWithoutAnAssemblyIsABenchError()
    {
        var dir = Directory.CreateTempSubdirectory("glomers-sim-bin").FullName;
        var bin = Path.Combine(dir, "NoNode");
        File.WriteAllText(bin, "#!/bin/sh\n");

        var e = Assert.Throws<BenchException>(() => SimAssembly.NodeClass(bin));
        Assert.Equal($"--mode sim loads the node's assembly next to --bin, and there is no {bin}.dll (a Native AOT executable has none: "
            + "give the build output, artifacts/bin/<Node>/release/<Node>)", e.Message);
    }

    [Fact]
    public void MissingBinIsNotTakenForANativeExecutable()
    {
        var bin = Path.Combine(Directory.CreateTempSubdirectory("glomers-sim-bin").FullName, "Missing");

        var e = Assert.Throws<BenchException>(() => SimAssembly.NodeClass(bin));
        Assert.Equal($"--mode sim loads the node's assembly next to --bin, and there is no {bin}.dll", e.Message);
    }

    [Fact]
    public void AssemblyWithoutANodeClassIsABenchError()
    {
        var e = Assert.Throws<BenchException>(() => SimAssembly.NodeClass(typeof(SimClusterTests).Assembly.Location));
        Assert.Contains("no public class whose constructor takes a Node", e.Message);
    }

    [Fact]
    public void TheNodeClassSharesTheBenchRuntime()
    {
        var type = SimAssembly.NodeClass(SimBench.Bin("Echo"));

        var parameter = type.GetConstructors().Single().GetParameters().Single();
        Assert.Same(typeof(NodeRuntime.Node), parameter.ParameterType);
    }
}
