using System.Globalization;
using Glomers.Harness.Core;

namespace Glomers.Harness.Cli;

/// <summary>Reads a flag's value as a number; a bad value is a <see cref="BenchException"/> that names the flag.</summary>
public static class FlagValues
{
    public static int PositiveInt(string flag, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new BenchException($"{flag}: '{value}' must be a positive integer");

    public static double NonNegative(string flag, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d >= 0 && double.IsFinite(d)
            ? d
            : throw new BenchException($"{flag}: '{value}' must be a non-negative number");

    public static double Positive(string flag, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d > 0 && double.IsFinite(d)
            ? d
            : throw new BenchException($"{flag}: '{value}' must be a positive number");
}
