using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace Glomers.NodeRuntime.Hosting;

/// <summary>
/// Builds a node class the one way both the process host and the simulator use: its public
/// constructor takes the runtime's <see cref="Node"/> and, optionally, one options object bound
/// from configuration (command-line arguments such as <c>--batch-ms 200</c> or <c>--BatchMs=200</c>).
/// </summary>
public static class NodeFactory
{
    /// <summary>Configuration from the arguments given after <c>--</c>, over GLOMERS_-prefixed environment variables.</summary>
    public static IConfiguration Configuration(string[] args) =>
        new ConfigurationBuilder().AddEnvironmentVariables("GLOMERS_").AddCommandLine(Normalise(args)).Build();

    public static object Create(Type nodeClass, Node node, IConfiguration configuration)
    {
        var constructors = nodeClass.GetConstructors(BindingFlags.Public | BindingFlags.Instance);
        if (constructors.Length != 1)
            throw new InvalidOperationException($"{nodeClass.Name} must have exactly one public constructor; it has {constructors.Length}.");
        var parameters = constructors[0].GetParameters();
        var arguments = new object?[parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            var type = parameters[i].ParameterType;
            if (type == typeof(Node)) arguments[i] = node;
            else if (type.IsClass && type.GetConstructor(Type.EmptyTypes) is not null) arguments[i] = Bind(type, configuration);
            else throw new InvalidOperationException($"{nodeClass.Name}: cannot supply constructor parameter {parameters[i].Name} of type {type.Name}.");
        }
        try
        {
            return constructors[0].Invoke(arguments);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw e.InnerException;
        }
    }

    /// <summary>Finds the node class of an assembly: the one public class whose constructor takes a <see cref="Node"/>.</summary>
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

    private static object Bind(Type options, IConfiguration configuration)
    {
        var value = Activator.CreateInstance(options)!;
        try
        {
            configuration.Bind(value, o => o.ErrorOnUnknownConfiguration = false);
        }
        catch (InvalidOperationException e)
        {
            throw new ArgumentException($"Bad setting for {options.Name}: {e.InnerException?.Message ?? e.Message}", e);
        }
        return value;
    }

    // "--batch-ms" binds to BatchMs: dashes are dropped from option names, as the binder ignores case.
    private static string[] Normalise(string[] args) =>
        [.. args.Select(a => a.StartsWith("--", StringComparison.Ordinal) ? "--" + RemoveDashes(a[2..]) : a)];

    private static string RemoveDashes(string option)
    {
        var eq = option.IndexOf('=');
        return eq < 0 ? option.Replace("-", "") : option[..eq].Replace("-", "") + option[eq..];
    }
}
