using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace Glomers.NodeRuntime.Hosting;

/// <summary>
/// Builds a node class the one way both the process host and the simulator use: its one public
/// constructor takes the runtime's <see cref="Node"/> and, optionally, one options object bound
/// from configuration (command-line arguments such as <c>--batch-ms 200</c> or <c>--BatchMs=200</c>).
/// </summary>
/// <remarks>
/// The process host names both classes as type arguments, so the trimmer of a Native AOT publish keeps
/// the constructor and the options' properties; the simulator finds them by reflection on a build output.
/// </remarks>
public static class NodeFactory
{
    /// <summary>What a node class must keep through trimming: its constructor.</summary>
    public const DynamicallyAccessedMemberTypes NodeMembers = DynamicallyAccessedMemberTypes.PublicConstructors;

    /// <summary>What an options class must keep through trimming: its constructor and settable properties.</summary>
    public const DynamicallyAccessedMemberTypes OptionsMembers =
        DynamicallyAccessedMemberTypes.PublicParameterlessConstructor | DynamicallyAccessedMemberTypes.PublicProperties;

    /// <summary>Configuration from the arguments given after <c>--</c>, over GLOMERS_-prefixed environment variables.</summary>
    public static IConfiguration Configuration(string[] args) =>
        new ConfigurationBuilder().AddEnvironmentVariables("GLOMERS_").AddCommandLine(Normalise(args)).Build();

    /// <summary>
    /// Builds <paramref name="nodeClass"/>, whose constructor may take <paramref name="optionsClass"/>
    /// (null: a node without options). Safe under trimming: both types carry what it reflects on.
    /// </summary>
    public static object Create([DynamicallyAccessedMembers(NodeMembers)] Type nodeClass,
        [DynamicallyAccessedMembers(OptionsMembers)] Type? optionsClass, Node node, IConfiguration configuration)
    {
        var constructor = TheConstructor(nodeClass);
        var parameters = constructor.GetParameters();
        var arguments = new object?[parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            var type = parameters[i].ParameterType;
            if (type == typeof(Node)) arguments[i] = node;
            else if (optionsClass is not null && type == optionsClass) arguments[i] = OptionsBinder.Bind(optionsClass, configuration);
            else if (optionsClass is null && type.IsClass && type != typeof(string))
                throw new InvalidOperationException($"{nodeClass.Name} takes options {type.Name}: host it with NodeHost.Run<{nodeClass.Name}, {type.Name}>(args).");
            else throw new InvalidOperationException($"{nodeClass.Name}: cannot supply constructor parameter {parameters[i].Name} of type {type.Name}.");
        }
        try
        {
            return constructor.Invoke(arguments);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw e.InnerException;
        }
    }

    /// <summary>Builds a node class whose options class, if any, is read from its constructor (the simulator's way).</summary>
    [RequiresUnreferencedCode("Reads the options class from the constructor's parameters; trimming may remove its properties.")]
    public static object Create([DynamicallyAccessedMembers(NodeMembers)] Type nodeClass, Node node, IConfiguration configuration) =>
        Create(nodeClass, OptionsClassOf(nodeClass), node, configuration);

    /// <summary>The options class the constructor of <paramref name="nodeClass"/> takes, or null if it takes none.</summary>
    [RequiresUnreferencedCode("Reads the options class from the constructor's parameters; trimming may remove its properties.")]
    [return: DynamicallyAccessedMembers(OptionsMembers)]
    public static Type? OptionsClassOf([DynamicallyAccessedMembers(NodeMembers)] Type nodeClass) =>
        TheConstructor(nodeClass).GetParameters().Select(p => p.ParameterType).FirstOrDefault(IsOptionsClass);

    /// <summary>Finds the node class of an assembly: the one public class whose constructor takes a <see cref="Node"/>.</summary>
    [RequiresUnreferencedCode("Lists an assembly's types, which trimming may remove.")]
    [return: DynamicallyAccessedMembers(NodeMembers)]
    public static Type FindNodeClass(Assembly assembly)
    {
        var found = assembly.GetExportedTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false })
            .Where(t => t.GetConstructors().Any(c => c.GetParameters().Any(p => p.ParameterType == typeof(Node))))
            .ToArray();
        return found.Length == 1
            ? found[0]
            : throw new InvalidOperationException(found.Length == 0
                ? $"{assembly.GetName().Name} has no public class whose constructor takes a Node."
                : $"{assembly.GetName().Name} has several node classes: {string.Join(", ", found.Select(t => t.Name))}.");
    }

    private static ConstructorInfo TheConstructor([DynamicallyAccessedMembers(NodeMembers)] Type nodeClass)
    {
        var constructors = nodeClass.GetConstructors(BindingFlags.Public | BindingFlags.Instance);
        return constructors.Length == 1
            ? constructors[0]
            : throw new InvalidOperationException($"{nodeClass.Name} must have exactly one public constructor; it has {constructors.Length}.");
    }

    [RequiresUnreferencedCode("Looks for a constructor that trimming may remove.")]
    private static bool IsOptionsClass(Type type) =>
        type != typeof(Node) && type.IsClass && type != typeof(string) && !type.IsAbstract
        && type.GetConstructor(Type.EmptyTypes) is not null;

    // "--batch-ms" binds to BatchMs: dashes are dropped from option names, as the binder ignores case.
    // A bare switch ("--durable" last, or followed by another option) means true; the command-line
    // provider would otherwise drop it silently or take the next option as its value.
    private static string[] Normalise(string[] args)
    {
        var result = new string[args.Length];
        for (var i = 0; i < args.Length; i++)
        {
            var a = args[i];
            if (!a.StartsWith("--", StringComparison.Ordinal) || a == "--")
            {
                result[i] = a;
                continue;
            }
            var bare = !a.Contains('=') && (i + 1 == args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal));
            result[i] = "--" + RemoveDashes(a[2..]) + (bare ? "=true" : "");
        }
        return result;
    }

    private static string RemoveDashes(string option)
    {
        var eq = option.IndexOf('=');
        return eq < 0 ? option.Replace("-", "") : option[..eq].Replace("-", "") + option[eq..];
    }
}
