using BatchCalling.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace BatchCalling.UnitTests.Hosting;

public sealed class BatchClientBuilderExtensionsTests
{
    [Fact]
    public void The_gateway_rereads_the_gateway_list_within_seconds_so_a_restarted_silo_is_not_shunned_for_a_minute()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["Profile"] = "Production";
        builder.Configuration["ConnectionStrings:Postgres"] = "Host=db";
        builder.Configuration["ConnectionStrings:Redis"] = "redis:6379";
        builder.UseOrleansClient(client => client.UseBatchCluster(builder.Configuration));

        using var host = builder.Build();

        var refresh = host.Services.GetRequiredService<IOptions<GatewayOptions>>().Value.GatewayListRefreshPeriod;
        Assert.Equal(BatchClientBuilderExtensions.GatewayListRefreshPeriod, refresh);
        Assert.InRange(refresh, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));
    }
}
