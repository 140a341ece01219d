using System.Net;
using BatchCalling.Hosting;
using Microsoft.Extensions.Configuration;

namespace BatchCalling.UnitTests.Hosting;

public sealed class SiloAddressesTests
{
    [Fact]
    public void Silos_on_one_machine_advertise_loopback() =>
        Assert.Equal(IPAddress.Loopback, SiloAddresses.Advertised(Configuration()));

    [Fact]
    public void A_pod_advertises_its_ip_from_the_downward_api() =>
        Assert.Equal(IPAddress.Parse("10.1.2.3"), SiloAddresses.Advertised(Configuration(("POD_NAME", "silo-0"), ("POD_IP", "10.1.2.3"))));

    [Fact]
    public void A_configured_address_wins() =>
        Assert.Equal(IPAddress.Parse("192.0.2.7"), SiloAddresses.Advertised(Configuration(("POD_IP", "10.1.2.3"), ("Orleans:AdvertisedIP", "192.0.2.7"))));

    [Fact]
    public void A_pod_told_no_ip_finds_its_own()
    {
        var own = SiloAddresses.Advertised(Configuration(("POD_NAME", "silo-0")));

        Assert.False(IPAddress.IsLoopback(own));
        Assert.Equal(System.Net.Sockets.AddressFamily.InterNetwork, own.AddressFamily);
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build();
}
