using Glomers.Harness.Network;

namespace Glomers.Harness.Services;

/// <summary>Puts a service on the network: each request is answered at once, the reply carrying in_reply_to and no msg_id.</summary>
public sealed class ServiceEndpoint(IService service, Router network) : IEndpoint
{
    public string Id => service.Id;

    public void Deliver(Envelope message)
    {
        if (service.Handle(message.Src, message.Body) is not { } reply) return;
        if (message.Body["msg_id"] is { } msgId) reply["in_reply_to"] = msgId.DeepClone();
        network.Send(Id, message.Src, reply);
    }
}
