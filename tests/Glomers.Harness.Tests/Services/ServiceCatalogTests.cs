using Glomers.Harness.Services;
using static Glomers.Harness.Tests.Services.Requests;

namespace Glomers.Harness.Tests.Services;

public class ServiceCatalogTests
{
    [Fact]
    public void CatalogHoldsTheFourServicesUnderTheirIds()
    {
        var services = ServiceCatalog.Create(1);
        Assert.Equal(["lin-kv", "lin-tso", "lww-kv", "seq-kv"], ServiceCatalog.Ids);
        Assert.Equal(ServiceCatalog.Ids.Order(), services.Keys.Order());
        Assert.All(services, pair => Assert.Equal(pair.Key, pair.Value.Id));
    }

    [Fact]
    public void EachCreateStartsFromEmptyServices()
    {
        ServiceCatalog.Create(1)["lin-kv"].Call("n0", Write("x", 1));
        Assert.Equal(KeyDoesNotExist, ServiceCatalog.Create(1)["lin-kv"].Call("n0", Read("x")));
    }

    [Fact]
    public void SameSeedGivesTheSameAnswers() =>
        Assert.Equal(Script(ServiceCatalog.Create(42)), Script(ServiceCatalog.Create(42)));

    private static List<string?> Script(IReadOnlyDictionary<string, IService> services)
    {
        var replies = new List<string?>();
        for (var v = 1; v <= 40; v++)
        {
            foreach (var id in ServiceCatalog.Ids)
            {
                var service = services[id];
                replies.Add(service.Call($"n{v % 3}", id == "lin-tso" ? """{"type":"ts"}""" : Write("x", v)));
                replies.Add(service.Call($"n{(v + 1) % 3}", Read("x")));
                replies.Add(service.Call($"n{(v + 2) % 3}", Cas("x", v, -v)));
            }
        }
        return replies;
    }
}
