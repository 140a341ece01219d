using BatchCalling.Throttling;

namespace BatchCalling.GrainTests;

/// <summary>A job that stops renewing (its silo died, its storage is down) keeps its slots counted: its calls may be up.</summary>
public abstract class ThrottleLeaseTests(BatchCluster cluster)
{
    [Fact]
    public async Task A_lapsed_lease_is_not_handed_to_another_job_until_its_job_restates()
    {
        var scenario = await new Scenario(cluster).WithOrganizationAsync(concurrencyLimit: 1);
        var throttle = scenario.Grains.GetGrain<IOrganizationThrottleGrain>(scenario.OrganizationId);
        Assert.Equal(1, (await throttle.ExchangeAsync(new SlotRequest("silent", 0, 1, 1))).Granted);

        cluster.Clock!.Advance(new ThrottleOptions().LeaseDuration * 2);

        Assert.Equal(0, (await throttle.ExchangeAsync(new SlotRequest("waiting", 0, 1, 1))).Granted);
        await throttle.ExchangeAsync(new SlotRequest("silent", 0, 0, 1));
        Assert.Equal(1, (await throttle.ExchangeAsync(new SlotRequest("waiting", 0, 1, 1))).Granted);
    }
}

[Collection(MemoryTests.Name)]
public sealed class ThrottleLeaseTestsOnMemory(FakeTimeMemoryCluster cluster) : ThrottleLeaseTests(cluster);

[Collection(PostgresRedisTests.Name)]
public sealed class ThrottleLeaseTestsOnPostgresRedis(FakeTimePostgresRedisCluster cluster) : ThrottleLeaseTests(cluster);
