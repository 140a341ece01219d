using BatchCalling.Jobs;
using BatchCalling.Webhooks;

namespace BatchCalling.GrainTests;

/// <summary>The outbox's rules, held by both implementations: each test has an endpoint and jobs of its own.</summary>
public abstract class WebhookOutboxTests(BatchCluster cluster)
{
    // Far ahead: the silos' sweep, on the real clock, never finds these events due and never wakes their (unknown) endpoint.
    private static readonly DateTimeOffset T0 = new(2100, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly string _endpoint = "wh_" + Guid.NewGuid().ToString("N")[..20];
    private readonly string _job = "batch_" + Guid.NewGuid().ToString("N");
    private readonly string _otherJob = "batch_" + Guid.NewGuid().ToString("N");

    private IWebhookOutbox Outbox => cluster.Outbox;

    private static JobStatusChange Status(string jobId, JobStatus status) => new(jobId, status, null, T0, 1, 0, 0, 0, new Dictionary<string, int>());

    private Task AddAsync(DateTimeOffset now, params JobStatusChange[] events) =>
        Outbox.AddAsync([.. events.Select(e => new OutboxEntry(_endpoint, "org_1", e))], now);

    [Fact]
    public async Task An_event_added_again_is_kept_once()
    {
        await AddAsync(T0, Status(_job, JobStatus.Running));
        await AddAsync(T0.AddSeconds(5), Status(_job, JobStatus.Running));

        var due = await Outbox.TakeDueAsync(_endpoint, T0.AddSeconds(5), 10);

        Assert.Equal([$"evt_{_job}_running"], due.Rows.Select(r => r.Event.EventId));
        Assert.Equal(T0, due.Rows[0].CreatedAt);
    }

    [Fact]
    public async Task A_jobs_events_wait_behind_its_failed_one_and_other_jobs_do_not()
    {
        await AddAsync(T0, Status(_job, JobStatus.Pending), Status(_job, JobStatus.Running), Status(_otherJob, JobStatus.Pending));
        var due = await Outbox.TakeDueAsync(_endpoint, T0, 10);
        var retryAt = T0.AddSeconds(1);
        await Outbox.RecordAsync(_endpoint,
            [new DeliveryOutcome(due.Rows[0].Seq, WebhookDeliveryStatus.Failed, 500, 1, T0, retryAt)],
            [new DeliveryDeferral(_job, due.Rows[0].Seq, retryAt)]);
        await AddAsync(T0, Status(_job, JobStatus.Completed));

        var meanwhile = await Outbox.TakeDueAsync(_endpoint, T0, 10);
        var then = await Outbox.TakeDueAsync(_endpoint, retryAt, 10);

        Assert.Equal([$"evt_{_otherJob}_pending"], meanwhile.Rows.Select(r => r.Event.EventId));
        Assert.Equal(retryAt, meanwhile.NextDueAt);
        Assert.Equal([$"evt_{_job}_pending", $"evt_{_job}_running", $"evt_{_otherJob}_pending", $"evt_{_job}_completed"], then.Rows.Select(r => r.Event.EventId));
    }

    [Fact]
    public async Task The_log_shows_the_newest_first_with_attempts_and_the_next_try()
    {
        await AddAsync(T0, Status(_job, JobStatus.Pending), Status(_job, JobStatus.Running));
        var due = await Outbox.TakeDueAsync(_endpoint, T0, 10);
        await Outbox.RecordAsync(_endpoint,
            [new DeliveryOutcome(due.Rows[0].Seq, WebhookDeliveryStatus.Delivered, 204, 1, T0, null),
             new DeliveryOutcome(due.Rows[1].Seq, WebhookDeliveryStatus.Failed, null, 1, T0, T0.AddSeconds(1))],
            []);

        var log = await Outbox.RecentAsync(_endpoint, 50);

        Assert.Equal(
            [new WebhookDelivery($"evt_{_job}_running", "job.status_changed", WebhookDeliveryStatus.Failed, null, 1, T0, T0.AddSeconds(1), T0),
             new WebhookDelivery($"evt_{_job}_pending", "job.status_changed", WebhookDeliveryStatus.Delivered, 204, 1, T0, null, T0)],
            log);
        Assert.DoesNotContain(await Outbox.DueEndpointsAsync(T0, 1000), e => e.EndpointId == _endpoint);
        Assert.Equal([new DueEndpoint("org_1", _endpoint)], (await Outbox.DueEndpointsAsync(T0.AddSeconds(1), 1000)).Where(e => e.EndpointId == _endpoint));
    }
}

[Collection(MemoryTests.Name)]
public sealed class WebhookOutboxTestsOnMemory(MemoryCluster cluster) : WebhookOutboxTests(cluster);

[Collection(PostgresRedisTests.Name)]
public sealed class WebhookOutboxTestsOnPostgresRedis(PostgresRedisCluster cluster) : WebhookOutboxTests(cluster);
