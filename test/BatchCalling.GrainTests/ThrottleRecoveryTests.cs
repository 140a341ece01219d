using BatchCalling.Throttling;

namespace BatchCalling.GrainTests;

/// <summary>The org ceiling holds across the throttle's own deactivation: the new activation waits for jobs to re-state what they hold.</summary>
public abstract class ThrottleRecoveryTests(BatchCluster cluster)
{
    [Fact]
    public async Task A_throttle_deactivated_while_slots_were_held_grants_nothing_until_the_jobs_restate()
    {
        var scenario = await new Scenario(cluster).WithOrganizationAsync(concurrencyLimit: 2);
        var throttle = scenario.Grains.GetGrain<IOrganizationThrottleGrain>(scenario.OrganizationId);
        Assert.Equal(2, (await throttle.ExchangeAsync(new SlotRequest("job_on_the_line", 0, 2))).Granted);

        // A graceful deactivation (a silo leaving in a deploy) while both calls are still on the line.
        await cluster.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        Assert.Equal(0, await throttle.GetHeldAsync()); // a new activation: the ledger is gone

        Assert.Equal(0, (await throttle.ExchangeAsync(new SlotRequest("another_job", 0, 2))).Granted);
        await throttle.ExchangeAsync(new SlotRequest("job_on_the_line", 2, 0));
        Assert.Equal(2, await throttle.GetHeldAsync());
    }

    [Fact]
    public async Task A_throttle_that_went_idle_with_nothing_held_grants_at_once()
    {
        var scenario = await new Scenario(cluster).WithOrganizationAsync(concurrencyLimit: 2);
        var throttle = scenario.Grains.GetGrain<IOrganizationThrottleGrain>(scenario.OrganizationId);
        await throttle.ExchangeAsync(new SlotRequest("done", 0, 1));
        await throttle.ExchangeAsync(new SlotRequest("done", 0, 0));

        await cluster.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        Assert.Equal(2, (await throttle.ExchangeAsync(new SlotRequest("next", 0, 2))).Granted);
    }
}

[Collection(MemoryTests.Name)]
public sealed class ThrottleRecoveryTestsOnMemory(MemoryCluster cluster) : ThrottleRecoveryTests(cluster);

[Collection(PostgresRedisTests.Name)]
public sealed class ThrottleRecoveryTestsOnPostgresRedis(PostgresRedisCluster cluster) : ThrottleRecoveryTests(cluster);
