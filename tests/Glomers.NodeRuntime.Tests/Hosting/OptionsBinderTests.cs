using Glomers.NodeRuntime.Hosting;

namespace Glomers.NodeRuntime.Tests.Hosting;

public class OptionsBinderTests
{
    private static KindsOfOptions Bind(params string[] args) =>
        Assert.IsType<KindsOfOptions>(OptionsBinder.Bind(typeof(KindsOfOptions), NodeFactory.Configuration(args)));

    [Fact]
    public void EveryKindOfSettingIsBound()
    {
        var options = Bind("--name", "hub", "--enabled", "true", "--count", "-3", "--big", "9000000000", "--ratio", "0.25",
            "--period", "00:00:01.5", "--shape", "TREE", "--limit", "7");

        Assert.Equal(("hub", true, -3, 9_000_000_000L, 0.25, TimeSpan.FromMilliseconds(1500), Shape.Tree, (int?)7),
            (options.Name, options.Enabled, options.Count, options.Big, options.Ratio, options.Period, options.Shape, options.Limit));
    }

    [Fact]
    public void UnsetUnknownAndReadOnlySettingsLeaveTheDefaults()
    {
        var options = Bind("--seed", "4", "--colour", "red", "--read-only", "changed");

        Assert.Equal(("star", 10, Shape.Star, (int?)null, "fixed"), (options.Name, options.Count, options.Shape, options.Limit, options.ReadOnly));
    }

    [Fact]
    public void AnEmptyValueClearsANullableSetting()
    {
        Assert.Null(Bind("--limit=").Limit);
    }

    [Theory]
    [InlineData("--count", "soon", "Bad setting for KindsOfOptions: Count 'soon' is not an integer.")]
    [InlineData("--count", "1.5", "Bad setting for KindsOfOptions: Count '1.5' is not an integer.")]
    [InlineData("--enabled", "yes", "Bad setting for KindsOfOptions: Enabled 'yes' is not true or false.")]
    [InlineData("--shape", "ring", "Bad setting for KindsOfOptions: Shape 'ring' is not one of Star, Tree.")]
    [InlineData("--shape", "7", "Bad setting for KindsOfOptions: Shape '7' is not one of Star, Tree.")]
    [InlineData("--limit", "x", "Bad setting for KindsOfOptions: Limit 'x' is not an integer.")]
    [InlineData("--ratio", "half", "Bad setting for KindsOfOptions: Ratio 'half' is not a number.")]
    public void ABadValueNamesTheSettingAndTheValue(string flag, string value, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => Bind(flag, value));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void AnUnsupportedPropertyTypeIsRefusedWhenSet()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            OptionsBinder.Bind(typeof(UnsupportedOptions), NodeFactory.Configuration(["--peers", "n1"])));

        Assert.Equal("An option of type List`1 is not supported; use string, bool, int, long, double, TimeSpan or an enum.", error.Message);
    }
}

public enum Shape
{
    Star,
    Tree,
}

public sealed class KindsOfOptions
{
    public string Name { get; set; } = "star";
    public bool Enabled { get; set; }
    public int Count { get; set; } = 10;
    public long Big { get; set; }
    public double Ratio { get; set; }
    public TimeSpan Period { get; set; }
    public Shape Shape { get; set; }
    public int? Limit { get; set; } = null;
    public string ReadOnly { get; } = "fixed";
}

public sealed class UnsupportedOptions
{
    public List<string> Peers { get; set; } = [];
}
