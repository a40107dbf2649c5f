using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Glomers.NodeRuntime.Hosting;

/// <summary>
/// Fills a flat options class from configuration: each public settable property from the key of its
/// name (case ignored), unknown keys ignored. Written out rather than ConfigurationBinder's reflection
/// binder so that it is safe under trimming and Native AOT, and the same code binds in the simulator.
/// </summary>
public static class OptionsBinder
{
    public static object Bind([DynamicallyAccessedMembers(NodeFactory.OptionsMembers)] Type options, IConfiguration configuration)
    {
        var value = Activator.CreateInstance(options)!;
        foreach (var property in options.GetProperties())
        {
            if (property.SetMethod is not { IsPublic: true } || property.GetIndexParameters().Length > 0) continue;
            if (configuration[property.Name] is not { } text) continue;
            if (!TryParse(text, property.PropertyType, out var setting))
                throw new ArgumentException($"Bad setting for {options.Name}: {property.Name} '{text}' is not {Expected(property.PropertyType)}.");
            property.SetValue(value, setting);
        }
        return value;
    }

    /// <summary>A setting's text as <paramref name="type"/>; an empty text clears a nullable setting.</summary>
    public static bool TryParse(string text, Type type, out object? value)
    {
        var inner = Nullable.GetUnderlyingType(type);
        var target = inner ?? type;
        var culture = CultureInfo.InvariantCulture;
        value = null;
        if (inner is not null && text.Length == 0) return true;
        value = target switch
        {
            _ when target == typeof(string) => text,
            _ when target == typeof(bool) => bool.TryParse(text, out var b) ? b : null,
            _ when target == typeof(int) => int.TryParse(text, NumberStyles.Integer, culture, out var i) ? i : null,
            _ when target == typeof(long) => long.TryParse(text, NumberStyles.Integer, culture, out var l) ? l : null,
            _ when target == typeof(double) => double.TryParse(text, NumberStyles.Float, culture, out var d) ? d : null,
            _ when target == typeof(TimeSpan) => TimeSpan.TryParse(text, culture, out var t) ? t : null,
            _ when target.IsEnum => Enum.TryParse(target, text, ignoreCase: true, out var e) && Enum.IsDefined(target, e) ? e : null,
            _ => throw new InvalidOperationException($"An option of type {target.Name} is not supported; use string, bool, int, long, double, TimeSpan or an enum."),
        };
        return value is not null;
    }

    private static string Expected(Type type)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        return target.IsEnum ? $"one of {string.Join(", ", Enum.GetNames(target))}"
            : target == typeof(bool) ? "true or false"
            : target == typeof(int) || target == typeof(long) ? "an integer"
            : target == typeof(double) ? "a number"
            : $"a {target.Name}";
    }
}
