using Glomers.NodeRuntime.Hosting;
using Glomers.NodeRuntime.Tests.Fixtures;

namespace Glomers.NodeRuntime.Tests.Hosting;

public class NodeFactoryTests
{
    private static object Create(Type nodeClass, params string[] args) =>
        NodeFactory.Create(nodeClass, new TestNode().Node, NodeFactory.Configuration(args));

    [Theory]
    [InlineData("--batch-ms", "200")]
    [InlineData("--batch-ms=200")]
    [InlineData("--BatchMs", "200")]
    [InlineData("--batchms=200")]
    public void OptionsAreBoundFromArguments(params string[] args)
    {
        var node = Assert.IsType<BatchingNode>(Create(typeof(BatchingNode), args));

        Assert.Equal(200, node.Options.BatchMs);
        Assert.Equal("star", node.Options.Topology);
    }

    [Fact]
    public void SeveralOptionsAndUnknownArgumentsAreAccepted()
    {
        var node = Assert.IsType<BatchingNode>(Create(typeof(BatchingNode), "--topology", "tree-4", "--seed", "3", "--batch-ms", "50"));

        Assert.Equal((50, "tree-4"), (node.Options.BatchMs, node.Options.Topology));
    }

    [Theory]
    [InlineData("--verbose")]
    [InlineData("--verbose", "--batch-ms", "50")]
    [InlineData("--batch-ms", "50", "--verbose")]
    [InlineData("--verbose", "true", "--batch-ms", "50")]
    public void ABareSwitchMeansTrue(params string[] args)
    {
        var node = Assert.IsType<BatchingNode>(Create(typeof(BatchingNode), args));

        Assert.True(node.Options.Verbose);
        Assert.Equal(args.Contains("50") ? 50 : 100, node.Options.BatchMs);
    }

    [Fact]
    public void NodeWithoutOptionsGetsTheNode()
    {
        var runtime = new TestNode().Node;

        var node = Assert.IsType<PlainNode>(NodeFactory.Create(typeof(PlainNode), runtime, NodeFactory.Configuration([])));

        Assert.Same(runtime, node.Runtime);
    }

    [Fact]
    public void BadOptionValueIsAClearError()
    {
        var error = Assert.Throws<ArgumentException>(() => Create(typeof(BatchingNode), "--batch-ms", "soon"));

        Assert.StartsWith("Bad setting for BatchingOptions: ", error.Message);
        Assert.Contains("soon", error.Message);
    }

    [Fact]
    public void ClassWithTwoPublicConstructorsIsRefused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Create(typeof(TwoConstructorsNode)));

        Assert.Equal("TwoConstructorsNode must have exactly one public constructor; it has 2.", error.Message);
    }

    [Fact]
    public void ConstructorParameterThatCannotBeSuppliedIsRefused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Create(typeof(NeedsIntNode)));

        Assert.Equal("NeedsIntNode: cannot supply constructor parameter count of type Int32.", error.Message);
    }

    [Fact]
    public void ExceptionInTheNodeConstructorSurfacesUnwrapped()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Create(typeof(FailingNode)));

        Assert.Equal("cannot start", error.Message);
    }

    [Fact]
    public void FindNodeClassRefusesAnAssemblyWithSeveral()
    {
        var error = Assert.Throws<InvalidOperationException>(() => NodeFactory.FindNodeClass(typeof(NodeFactoryTests).Assembly));

        Assert.StartsWith("Glomers.NodeRuntime.Tests has several node classes: ", error.Message);
    }
}

public sealed class BatchingOptions
{
    public int BatchMs { get; set; } = 100;
    public string Topology { get; set; } = "star";
    public bool Verbose { get; set; }
}

public sealed class BatchingNode(Node node, BatchingOptions options)
{
    public Node Runtime { get; } = node;
    public BatchingOptions Options { get; } = options;
}

public sealed class PlainNode(Node node)
{
    public Node Runtime { get; } = node;
}

public sealed class TwoConstructorsNode
{
    public TwoConstructorsNode(Node node) => _ = node;

    public TwoConstructorsNode(Node node, BatchingOptions options) => _ = (node, options);
}

public sealed class NeedsIntNode(Node node, int count)
{
    public object State { get; } = (node, count);
}

public sealed class FailingNode
{
    public FailingNode(Node node) => throw new InvalidOperationException($"cannot start{(node is null ? "?" : "")}");
}

/// <summary>The process host's way: both classes named by the caller, as NodeHost.Run&lt;TNode, TOptions&gt; does.</summary>
public class NodeFactoryNamedClassesTests
{
    [Fact]
    public void NamedOptionsClassIsBound()
    {
        var node = Assert.IsType<BatchingNode>(NodeFactory.Create(typeof(BatchingNode), typeof(BatchingOptions), new TestNode().Node,
            NodeFactory.Configuration(["--batch-ms", "30"])));

        Assert.Equal((30, "star"), (node.Options.BatchMs, node.Options.Topology));
    }

    [Fact]
    public void NodeWithoutOptionsNeedsNoOptionsClass()
    {
        var runtime = new TestNode().Node;

        var node = Assert.IsType<PlainNode>(NodeFactory.Create(typeof(PlainNode), null, runtime, NodeFactory.Configuration([])));

        Assert.Same(runtime, node.Runtime);
    }

    [Fact]
    public void NodeWithOptionsHostedWithoutThemSaysHowToHostIt()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            NodeFactory.Create(typeof(BatchingNode), null, new TestNode().Node, NodeFactory.Configuration([])));

        Assert.Equal("BatchingNode takes options BatchingOptions: host it with NodeHost.Run<BatchingNode, BatchingOptions>(args).", error.Message);
    }

    [Fact]
    public void OptionsClassThatTheConstructorDoesNotTakeIsRefused()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            NodeFactory.Create(typeof(BatchingNode), typeof(KindsOfOptions), new TestNode().Node, NodeFactory.Configuration([])));

        Assert.Equal("BatchingNode: cannot supply constructor parameter options of type BatchingOptions.", error.Message);
    }

    [Fact]
    public void OptionsClassIsReadFromTheConstructor()
    {
        Assert.Equal((typeof(BatchingOptions), null), (NodeFactory.OptionsClassOf(typeof(BatchingNode)), NodeFactory.OptionsClassOf(typeof(PlainNode))));
    }
}
