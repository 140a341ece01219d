using BatchCalling.Hosting;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace BatchCalling.UnitTests.Hosting;

public sealed class BatchProfileTests
{
    [Fact]
    public void The_embedded_default_needs_no_servers()
    {
        var profile = BatchProfile.From(Configuration());

        Assert.False(profile.IsProduction);
        Assert.Null(profile.Postgres);
        Assert.Equal("embedded", profile.ClusterId);
    }

    [Fact]
    public void Production_keeps_the_connection_string_and_skips_the_session_reset()
    {
        var profile = BatchProfile.From(Configuration(
            ("Profile", "Production"), ("ConnectionStrings:Postgres", "Host=db;Database=calls;Maximum Pool Size=20"), ("ConnectionStrings:Redis", "redis:6379")));

        var postgres = new NpgsqlConnectionStringBuilder(profile.Postgres);
        Assert.True(profile.IsProduction);
        Assert.Equal(("db", "calls", 20), (postgres.Host, postgres.Database, postgres.MaxPoolSize));
        Assert.True(postgres.NoResetOnClose);
        Assert.Equal("redis:6379", profile.Redis);
    }

    [Fact]
    public void A_pods_ids_come_from_its_labels_unless_configured()
    {
        var labelled = BatchProfile.From(Configuration(("ORLEANS_SERVICE_ID", "calls"), ("ORLEANS_CLUSTER_ID", "blue")));
        var configured = BatchProfile.From(Configuration(("ORLEANS_SERVICE_ID", "calls"), ("Orleans:ServiceId", "own")));

        Assert.Equal(("calls", "blue"), (labelled.ServiceId, labelled.ClusterId));
        Assert.Equal("own", configured.ServiceId);
    }

    [Theory]
    [InlineData("Embedded", null, true)]
    [InlineData("Production", null, false)]
    [InlineData("Production", "true", true)]
    [InlineData("Embedded", "false", false)]
    public void Private_addresses_are_allowed_on_the_embedded_default_unless_configured(string name, string? allow, bool allowed)
    {
        var settings = new List<(string, string)> { ("Profile", name), ("ConnectionStrings:Postgres", "Host=db"), ("ConnectionStrings:Redis", "redis") };
        if (allow is not null)
        {
            settings.Add(("Network:AllowPrivateAddresses", allow));
        }

        Assert.Equal(allowed, BatchProfile.From(Configuration([.. settings])).AllowPrivateAddresses);
    }

    [Theory]
    [InlineData("Production", "Redis")]
    [InlineData("Production", "Postgres")]
    [InlineData("Staging", null)]
    public void A_profile_without_what_it_needs_does_not_start(string name, string? missing)
    {
        var settings = new[] { ("Profile", name), ("ConnectionStrings:Postgres", "Host=db"), ("ConnectionStrings:Redis", "redis") }
            .Where(s => missing is null || s.Item1 != "ConnectionStrings:" + missing).ToArray();

        Assert.Throws<InvalidOperationException>(() => BatchProfile.From(Configuration(settings)));
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build();
}
