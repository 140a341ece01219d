using System.Collections.Concurrent;
using BatchCalling.Jobs;

namespace BatchCalling.GrainTests;

/// <summary>
/// A job's watchers (the gateways' feeds): told of each change, dropped when they stop renewing within the lease (two
/// minutes on the job's clock), told when the job is gone, and never subscribed to another organization's job.
/// </summary>
public abstract class JobWatchTests(BatchCluster cluster)
{
    private readonly Scenario _scenario = new(cluster);

    [Fact]
    public async Task Watchers_are_told_each_change_until_their_lease_lapses_and_then_that_the_job_is_gone()
    {
        await _scenario.WithOrganizationAsync();
        var (jobId, _) = await _scenario.CreateJobAsync(Scenario.Contacts(2), autoStart: false);
        var job = _scenario.Job(jobId);
        var lapsing = new Watcher();
        var renewing = new Watcher();
        var lapsingReference = cluster.Grains.CreateObjectReference<IJobWatcher>(lapsing);
        var renewingReference = cluster.Grains.CreateObjectReference<IJobWatcher>(renewing);

        var first = await job.WatchAsync(_scenario.OrganizationId, lapsingReference);
        await job.WatchAsync(_scenario.OrganizationId, renewingReference);
        Assert.Equal((JobStatus.Pending, 2), (first.Summary!.Status, first.StatusCounts["pending"]));

        cluster.Clock!.Advance(TimeSpan.FromSeconds(90));
        await job.WatchAsync(_scenario.OrganizationId, renewingReference);
        cluster.Clock.Advance(TimeSpan.FromSeconds(60));
        await job.CancelAsync(_scenario.OrganizationId);

        // Both would be told in the same round: the one that renewed is, the one whose lease lapsed is not.
        await Scenario.WaitUntilAsync(() => Task.FromResult(renewing.Updates.Any(u => u.Summary?.Status == JobStatus.Cancelled)));

        Assert.Null((await job.DeleteAsync(_scenario.OrganizationId)).Error);
        await Scenario.WaitUntilAsync(() => Task.FromResult(renewing.Updates.Any(u => u.IsGone)));
        // Told in order on one connection: by the later round, anything sent to the lapsed watcher would have come.
        Assert.Empty(lapsing.Updates);
        cluster.Grains.DeleteObjectReference<IJobWatcher>(lapsingReference);
        cluster.Grains.DeleteObjectReference<IJobWatcher>(renewingReference);
    }

    [Fact]
    public async Task Another_organizations_job_answers_gone_and_is_not_watched()
    {
        await _scenario.WithOrganizationAsync();
        var (jobId, _) = await _scenario.CreateJobAsync(Scenario.Contacts(1), autoStart: false);
        var stranger = new Watcher();
        var reference = cluster.Grains.CreateObjectReference<IJobWatcher>(stranger);
        var owner = new Watcher();
        var ownerReference = cluster.Grains.CreateObjectReference<IJobWatcher>(owner);

        Assert.True((await _scenario.Job(jobId).WatchAsync("org_someone_else", reference)).IsGone);
        await _scenario.Job(jobId).WatchAsync(_scenario.OrganizationId, ownerReference);
        await _scenario.Job(jobId).CancelAsync(_scenario.OrganizationId);

        await Scenario.WaitUntilAsync(() => Task.FromResult(owner.Updates.Any(u => u.Summary?.Status == JobStatus.Cancelled)));
        Assert.Empty(stranger.Updates);
        cluster.Grains.DeleteObjectReference<IJobWatcher>(reference);
        cluster.Grains.DeleteObjectReference<IJobWatcher>(ownerReference);
    }

    private sealed class Watcher : IJobWatcher
    {
        public ConcurrentQueue<JobUpdate> Updates { get; } = new();

        public Task JobChangedAsync(JobUpdate update)
        {
            Updates.Enqueue(update);
            return Task.CompletedTask;
        }
    }
}

[Collection(MemoryTests.Name)]
public sealed class JobWatchTestsOnMemory(FakeTimeMemoryCluster cluster) : JobWatchTests(cluster);

[Collection(PostgresRedisTests.Name)]
public sealed class JobWatchTestsOnPostgresRedis(FakeTimePostgresRedisCluster cluster) : JobWatchTests(cluster);
