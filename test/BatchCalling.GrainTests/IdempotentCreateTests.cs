using BatchCalling.Jobs;

namespace BatchCalling.GrainTests;

/// <summary>A create under an idempotency key: the job record is the key's record, so a repeat never makes a second job.</summary>
public abstract class IdempotentCreateTests(BatchCluster cluster)
{
    private static CreateJobCommand Command(string fingerprint) =>
        new("Keyed", null, Scenario.CallerId, 5, RetryPolicy.Default(3, retryOnVoicemail: false), 0, null, "UTC", AutoStart: false,
            Scenario.Contacts(2), null, DryRun: false, fingerprint);

    [Fact]
    public async Task A_repeat_gets_the_first_answer_another_request_a_conflict_and_a_day_later_the_key_is_free()
    {
        var scenario = await new Scenario(cluster).WithOrganizationAsync();
        var job = scenario.Job("batch_" + Guid.NewGuid().ToString("N"));

        var first = await job.CreateAsync(scenario.OrganizationId, Command("request-a"));
        var repeat = await job.CreateAsync(scenario.OrganizationId, Command("request-a"));
        var other = await job.CreateAsync(scenario.OrganizationId, Command("request-b"));

        Assert.Null(first.Error);
        Assert.Equal(first, repeat);
        Assert.Equal(ErrorCodes.IdempotencyConflict, other.Error);
        cluster.Clock!.Advance(TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1));
        Assert.Equal(ErrorCodes.IdempotencyKeyExpired, (await job.CreateAsync(scenario.OrganizationId, Command("request-a"))).Error);
    }

    [Fact]
    public async Task A_create_without_a_key_never_takes_an_existing_job()
    {
        var scenario = await new Scenario(cluster).WithOrganizationAsync();
        var job = scenario.Job("batch_" + Guid.NewGuid().ToString("N"));
        await job.CreateAsync(scenario.OrganizationId, Command("request-a"));

        Assert.Equal(ErrorCodes.JobExists, (await job.CreateAsync(scenario.OrganizationId, Command("request-a") with { IdempotencyFingerprint = null })).Error);
    }
}

[Collection(MemoryTests.Name)]
public sealed class IdempotentCreateTestsOnMemory(FakeTimeMemoryCluster cluster) : IdempotentCreateTests(cluster);

[Collection(PostgresRedisTests.Name)]
public sealed class IdempotentCreateTestsOnPostgresRedis(FakeTimePostgresRedisCluster cluster) : IdempotentCreateTests(cluster);
