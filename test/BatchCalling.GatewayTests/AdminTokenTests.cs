using BatchCalling.Gateway.Auth;
using Microsoft.Extensions.Configuration;

namespace BatchCalling.GatewayTests;

public sealed class AdminTokenTests
{
    private static IConfiguration Settings(string? token) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Admin:Token"] = token }).Build();

    [Fact]
    public void The_production_profile_refuses_to_start_without_a_shared_admin_token()
    {
        var error = Assert.Throws<InvalidOperationException>(() => AdminToken.FromConfiguration(Settings(null), production: true));

        Assert.Contains("Admin__Token", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_embedded_default_makes_one_up_and_a_configured_one_is_used_as_it_is()
    {
        Assert.StartsWith("adm_", AdminToken.FromConfiguration(Settings(null), production: false).Value, StringComparison.Ordinal);
        Assert.Equal("shared", AdminToken.FromConfiguration(Settings("shared"), production: true).Value);
    }
}
