using BatchCalling.Contacts;
using BatchCalling.Jobs;
using BatchCalling.Organizations;
using BatchCalling.Testing;
using BatchCalling.Webhooks;

namespace BatchCalling.GrainTests;

/// <summary>A job's webhook events on their way: into the outbox before what they report is stored, then to the endpoint in order.</summary>
public abstract class WebhookDeliveryTests(BatchCluster cluster) : IAsyncLifetime
{
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    private async Task<WebhookEndpoint> RegisterAsync(Scenario scenario, params string[] events) =>
        (await scenario.Grains.GetGrain<IOrganizationGrain>(scenario.OrganizationId).CreateWebhookAsync(new Uri(_receiver.Url()), events)).Endpoint!;

    [Fact]
    public async Task A_finished_contacts_event_is_in_the_outbox_before_the_progress_that_records_it_is_written()
    {
        var scenario = await new Scenario(cluster).WithOrganizationAsync();
        var endpoint = await RegisterAsync(scenario, WebhookEventTypes.ContactFinished);
        var (jobId, _) = await scenario.CreateJobAsync(Scenario.Contacts(20, "completed"), limit: 5, maxAttempts: 1, autoStart: false);
        cluster.Progress.Watch(jobId, endpoint.Id);

        await scenario.Job(jobId).StartAsync(scenario.OrganizationId);
        await Scenario.WaitUntilAsync(() => Task.FromResult(cluster.Progress.FinalWrittenOf(jobId) == 20), null,
            () => $"at most {cluster.Progress.FinalWrittenOf(jobId)} final contacts were written at once");

        Assert.DoesNotContain(cluster.Progress.Missing, m => m.StartsWith(jobId + "/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Each_jobs_events_arrive_in_their_order_and_an_event_enqueued_twice_arrives_once()
    {
        var scenario = await new Scenario(cluster).WithOrganizationAsync();
        var endpoint = await RegisterAsync(scenario, WebhookEventTypes.ContactFinished);
        string[] jobs = [.. Enumerable.Range(0, 3).Select(_ => "batch_" + Guid.NewGuid().ToString("N"))];
        // Never dialed (no attempts): their deliverer has no calls to read.
        List<OutboxEntry> entries = [.. Enumerable.Range(0, 10).SelectMany(i => jobs.Select(job => new OutboxEntry(endpoint.Id, scenario.OrganizationId,
            new FinishedContact(job, i, Scenario.Contact(), new ContactProgress { Status = ContactStatus.Cancelled }, 1))))];

        await cluster.Outbox.AddAsync(entries, cluster.Now);
        await cluster.Outbox.AddAsync(entries, cluster.Now);
        await scenario.Grains.GetGrain<IWebhookEndpointGrain>(endpoint.Id).WakeAsync(scenario.OrganizationId);

        var posts = await _receiver.WaitForAsync(p => p.Count >= 30, "all 30 events");
        Assert.Equal(30, posts.Select(p => p.Id).Distinct().Count());
        foreach (var job in jobs)
        {
            Assert.Equal(Enumerable.Range(0, 10).Select(i => $"evt_{job}_{i}_finished"), posts.Where(p => p.JobId == job).Select(p => p.Id));
        }

        await Scenario.WaitUntilAsync(async () => (await cluster.Outbox.RecentAsync(endpoint.Id, 100)).All(d => d.Status == WebhookDeliveryStatus.Delivered));
        Assert.Equal(30, (await cluster.Outbox.RecentAsync(endpoint.Id, 100)).Count);
    }
}

[Collection(MemoryTests.Name)]
public sealed class WebhookDeliveryTestsOnMemory(MemoryCluster cluster) : WebhookDeliveryTests(cluster);

[Collection(PostgresRedisTests.Name)]
public sealed class WebhookDeliveryTestsOnPostgresRedis(PostgresRedisCluster cluster) : WebhookDeliveryTests(cluster);
