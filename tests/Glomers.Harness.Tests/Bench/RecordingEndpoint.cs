using Glomers.Harness.Core;
using Glomers.Harness.Network;

namespace Glomers.Harness.Tests.Bench;

/// <summary>An endpoint that notes when each message reached it.</summary>
internal sealed class RecordingEndpoint(string id, Scheduler scheduler) : IEndpoint
{
    public string Id { get; } = id;
    public List<(long Time, Envelope Message)> Received { get; } = [];

    public void Deliver(Envelope message) => Received.Add((scheduler.Now, message));
}
