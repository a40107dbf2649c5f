using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.Loader;
using Glomers.Harness.Core;
using Glomers.NodeRuntime.Hosting;

namespace Glomers.Harness.Nodes;

/// <summary>
/// Finds the node class for sim mode: the assembly next to --bin (bin/Echo -> bin/Echo.dll, or the
/// .dll itself), loaded once per path. The runtime and every library the bench already has come from
/// the bench's own context, so the node's <c>Node</c> is the bench's <c>Node</c>; anything else the
/// node needs is loaded from its bin folder.
/// </summary>
public static class SimAssembly
{
    private static readonly ConcurrentDictionary<string, Lazy<Type>> Loaded = new(StringComparer.Ordinal);

    /// <summary>The node class of the assembly for <paramref name="bin"/>. Throws <see cref="BenchException"/> with the reason.</summary>
    public static Type NodeClass(string bin)
    {
        var dll = DllPath(bin);
        var lazy = Loaded.GetOrAdd(dll, path => new Lazy<Type>(() => Load(path)));
        try
        {
            return lazy.Value;
        }
        catch (BenchException)
        {
            Loaded.TryRemove(dll, out _);
            throw;
        }
    }

    public static string DllPath(string bin)
    {
        var full = Path.GetFullPath(bin);
        if (full.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)) return full;
        if (full.EndsWith(".exe", StringComparison.OrdinalIgnoreCase)) full = full[..^4];
        var dll = full + ".dll";
        return File.Exists(dll)
            ? dll
            : throw new BenchException($"--mode sim loads the node's assembly next to --bin, and there is no {dll}"
                + (File.Exists(full) ? " (a Native AOT executable has none: give the build output, artifacts/bin/<Node>/release/<Node>)" : ""));
    }

    private static Type Load(string dll)
    {
        try
        {
            var context = new NodeLoadContext(dll);
            return NodeFactory.FindNodeClass(context.LoadFromAssemblyPath(dll));
        }
        catch (Exception e) when (e is InvalidOperationException or BadImageFormatException or FileLoadException
                                      or FileNotFoundException or ReflectionTypeLoadException or TypeLoadException)
        {
            throw new BenchException($"--mode sim: cannot take a node class from {dll}: {e.Message}");
        }
    }

    private sealed class NodeLoadContext(string dll) : AssemblyLoadContext($"node:{Path.GetFileNameWithoutExtension(dll)}")
    {
        private readonly string folder = Path.GetDirectoryName(dll)!;

        protected override Assembly? Load(AssemblyName name)
        {
            // Shared with the bench first: a second copy of the runtime would make a different Node type.
            try
            {
                return Default.LoadFromAssemblyName(name);
            }
            catch (FileNotFoundException)
            {
                var path = Path.Combine(folder, name.Name + ".dll");
                return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
            }
        }
    }
}
