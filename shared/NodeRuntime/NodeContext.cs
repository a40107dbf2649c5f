using Glomers.NodeRuntime.Loop;
using Glomers.NodeRuntime.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Glomers.NodeRuntime;

/// <summary>
/// Everything a node may touch of the outside world. A process gets stdio, a thread loop and the
/// system clock; a test or the simulator gets memory, a manual loop and a virtual clock. The
/// node's <see cref="Node.Random"/> is the "node" stream of <see cref="Seed"/>.
/// </summary>
public sealed record NodeContext(ITransport Transport, IEventLoop Loop, TimeProvider Time, long Seed)
{
    public ILogger Logger { get; init; } = NullLogger.Instance;
}
