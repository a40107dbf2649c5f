using System.Text.Json.Nodes;

namespace Glomers.Harness.Services;

/// <summary>
/// One request applied to an immutable service state: the next state, the reply, and whether the
/// next state differs from the old one by Clojure's <c>=</c> (which decides where seq-kv runs it).
/// </summary>
public readonly record struct ServiceStep<TState>(TState State, JsonObject Reply, bool Changed);
