using BatchCalling.Throttling;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace BatchCalling.GrainTests;

/// <summary>
/// The org ceiling holds across the throttle's own deactivation and crash: a new activation counts what the jobs may still
/// hold, from storage, until each has re-stated it.
/// </summary>
public abstract class ThrottleRecoveryTests(BatchCluster cluster)
{
    private const int Cap = 10;

    /// <summary>A request as a job sends it: stamped with when it was sent.</summary>
    private SlotRequest Request(string jobId, int holding, int wanted, int cap) => new(jobId, holding, wanted, cap, cluster.Now);

    [Fact]
    public async Task A_throttle_deactivated_while_slots_were_held_counts_them_until_the_job_restates()
    {
        var scenario = await new Scenario(cluster).WithOrganizationAsync(concurrencyLimit: 2);
        var throttle = scenario.Grains.GetGrain<IOrganizationThrottleGrain>(scenario.OrganizationId);
        Assert.Equal(2, (await throttle.ExchangeAsync(Request("job_on_the_line", 0, 2, Cap))).Granted);

        // A graceful deactivation (a silo leaving in a deploy) while both calls are still on the line.
        await cluster.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        Assert.Equal(2, await throttle.GetHeldAsync());
        Assert.Equal(0, (await throttle.ExchangeAsync(Request("another_job", 0, 2, Cap))).Granted);
        await throttle.ExchangeAsync(Request("job_on_the_line", 1, 0, Cap));
        Assert.Equal(1, (await throttle.ExchangeAsync(Request("another_job", 0, 2, Cap))).Granted);
    }

    [Fact]
    public async Task A_throttle_that_went_idle_with_nothing_held_grants_at_once()
    {
        var scenario = await new Scenario(cluster).WithOrganizationAsync(concurrencyLimit: 2);
        var throttle = scenario.Grains.GetGrain<IOrganizationThrottleGrain>(scenario.OrganizationId);
        await throttle.ExchangeAsync(Request("done", 0, 1, Cap));
        await throttle.ExchangeAsync(Request("done", 0, 0, Cap));

        await cluster.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        Assert.Equal(2, (await throttle.ExchangeAsync(Request("next", 0, 2, Cap))).Granted);
    }

    [Fact]
    public async Task A_job_is_stored_with_its_cap_before_its_first_slot_is_granted()
    {
        var scenario = await new Scenario(cluster).WithOrganizationAsync(concurrencyLimit: 10);
        var throttle = scenario.Grains.GetGrain<IOrganizationThrottleGrain>(scenario.OrganizationId);

        Assert.Equal(2, (await throttle.ExchangeAsync(Request("small", 0, 2, 3))).Granted);
        await throttle.ExchangeAsync(Request("big", 0, 8, 8));

        // What a crash leaves for the next activation: every job granted anything, with the most it may hold.
        Assert.Equal(new Dictionary<string, int> { ["small"] = 3, ["big"] = 8 }, (await StoredAsync(scenario.OrganizationId)).Members);
    }

    [Fact]
    public async Task A_job_back_for_more_after_a_deactivation_is_stored_with_its_cap_again()
    {
        var scenario = await new Scenario(cluster).WithOrganizationAsync(concurrencyLimit: 10);
        var throttle = scenario.Grains.GetGrain<IOrganizationThrottleGrain>(scenario.OrganizationId);
        await throttle.ExchangeAsync(Request("job", 0, 1, 3));
        await cluster.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        Assert.Equal(new Dictionary<string, int> { ["job"] = 1 }, (await StoredAsync(scenario.OrganizationId)).Members);

        // A request sent before the new activation could be one held up while the throttle was down: the job re-states after it.
        Assert.Equal(1, await throttle.GetHeldAsync());
        Assert.Equal(2, (await throttle.ExchangeAsync(Request("job", 1, 2, 3))).Granted);

        Assert.Equal(new Dictionary<string, int> { ["job"] = 3 }, (await StoredAsync(scenario.OrganizationId)).Members);
    }

    [Fact]
    public async Task After_a_crash_each_stored_job_counts_at_its_cap_until_it_restates()
    {
        var scenario = new Scenario(cluster);
        // What a throttle that died without deactivating left behind.
        await StoreAsync(scenario.OrganizationId, new ThrottleState { Members = { ["job_of_the_dead_silo"] = 3 } });
        await scenario.WithOrganizationAsync(concurrencyLimit: 5);
        var throttle = scenario.Grains.GetGrain<IOrganizationThrottleGrain>(scenario.OrganizationId);

        Assert.Equal(2, (await throttle.ExchangeAsync(Request("another_job", 0, 5, Cap))).Granted);
        await throttle.ExchangeAsync(Request("job_of_the_dead_silo", 1, 0, Cap));
        Assert.Equal(2, (await throttle.ExchangeAsync(Request("another_job", 2, 3, Cap))).Granted);
        Assert.Equal(5, await throttle.GetHeldAsync());
    }

    private IGrainStorage Storage => cluster.Cluster.GetSiloServiceProvider().GetRequiredKeyedService<IGrainStorage>(BatchStorage.Name);

    private async Task<ThrottleState> StoredAsync(string organizationId)
    {
        var state = new GrainState<ThrottleState>(new ThrottleState());
        await Storage.ReadStateAsync("throttle", ThrottleId(organizationId), state);
        return state.State ?? new ThrottleState();
    }

    private Task StoreAsync(string organizationId, ThrottleState throttle) =>
        Storage.WriteStateAsync("throttle", ThrottleId(organizationId), new GrainState<ThrottleState>(throttle));

    private GrainId ThrottleId(string organizationId) =>
        cluster.Grains.GetGrain<IOrganizationThrottleGrain>(organizationId).GetGrainId();
}

[Collection(MemoryTests.Name)]
public sealed class ThrottleRecoveryTestsOnMemory(MemoryCluster cluster) : ThrottleRecoveryTests(cluster);

[Collection(PostgresRedisTests.Name)]
public sealed class ThrottleRecoveryTestsOnPostgresRedis(PostgresRedisCluster cluster) : ThrottleRecoveryTests(cluster);
