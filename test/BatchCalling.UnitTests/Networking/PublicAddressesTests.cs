using System.Net;
using BatchCalling.Networking;

namespace BatchCalling.UnitTests.Networking;

public sealed class PublicAddressesTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.10")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("::1")]
    [InlineData("::")]
    [InlineData("fe80::1")]
    [InlineData("fd00::1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("2001:db8::1")]
    public void Addresses_inside_a_deployment_are_not_public(string address) => Assert.False(PublicAddresses.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("52.94.236.248")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("::ffff:8.8.8.8")]
    public void Internet_addresses_are_public(string address) => Assert.True(PublicAddresses.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("http://127.0.0.1:8080/calls")]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("https://[::1]/calls")]
    [InlineData("http://localhost/calls")]
    public async Task A_url_into_the_deployment_is_refused_unless_private_addresses_are_allowed(string url)
    {
        Assert.NotNull(await PublicAddresses.RefusalAsync(new Uri(url), allowPrivate: false, default));
        Assert.Null(await PublicAddresses.RefusalAsync(new Uri(url), allowPrivate: true, default));
    }

    [Theory]
    [InlineData("ftp://agents.example.com/calls")]
    [InlineData("file:///etc/passwd")]
    [InlineData("https://user:pass@8.8.8.8/calls")]
    public async Task Only_plain_http_and_https_urls_are_taken(string url) =>
        Assert.NotNull(await PublicAddresses.RefusalAsync(new Uri(url), allowPrivate: true, default));

    [Fact]
    public async Task A_public_literal_address_is_taken() =>
        Assert.Null(await PublicAddresses.RefusalAsync(new Uri("https://8.8.8.8/calls"), allowPrivate: false, default));
}
