namespace Glomers.Harness.Core;

/// <summary>A problem of the bench or its command line, not of the nodes: exit status 254.</summary>
public class BenchException(string message) : Exception(message);
