using System.Net;
using System.Net.ServerSentEvents;
using System.Text.Json;
using System.Threading.Channels;
using BatchCalling.Testing;

namespace BatchCalling.GatewayTests;

/// <summary>
/// <c>GET /batch/jobs/events</c>: a job's figures at once and as they change, gone for jobs the key cannot see, and one
/// subscription per job per gateway however many streams show it.
/// </summary>
public abstract class JobEventsTests(IGatewayUnderTest gateway)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_stream_shows_a_job_at_once_and_then_live_until_it_completes()
    {
        // One call at a time, so the job runs for a few of the stream's beats; the simulator's busy and unanswered numbers are not retried.
        var tenant = await gateway.NewTenantAsync(concurrencyLimit: 1);
        var phones = Enumerable.Range(0, 20).Select(i => $"+1202555{i:D4}").ToArray();
        var jobId = await tenant.CreateJobAsync(Api.Csv(phones), ("autoStart", "false"), ("maxAttempts", "1"));
        await using var stream = await EventStream.OpenAsync(tenant.Http, jobId);

        var first = await stream.NextAsync();
        Assert.Equal(("job", jobId, "pending"), (first.EventType, Job(first).GetProperty("id").GetString(), Status(first)));
        Assert.Equal(20, Breakdown(first).GetProperty("pending").GetInt32());

        (await tenant.Http.PostAsync($"/batch/jobs/{jobId}/start", null)).EnsureSuccessStatusCode();
        var processed = new List<int>();
        SseItem<string> last;
        do
        {
            last = await stream.NextAsync();
            processed.Add(Job(last).GetProperty("contactsProcessed").GetInt32());
        }
        while (Status(last) != "completed");

        // Seen while running, never going back.
        Assert.Contains(processed, n => n is > 0 and < 20);
        Assert.Equal(processed.Order(), processed);
        Assert.Equal(20, processed[^1]);
        Assert.Equal(20, Breakdown(last).EnumerateObject().Sum(s => s.Value.GetInt32()));
    }

    [Fact]
    public async Task Jobs_the_key_cannot_see_are_gone_and_a_deleted_job_goes()
    {
        var owner = await gateway.NewTenantAsync();
        var other = await gateway.NewTenantAsync();
        var jobId = await owner.CreateJobAsync(Api.Csv("+12025550101"), ("autoStart", "false"));

        await using (var stranger = await EventStream.OpenAsync(other.Http, jobId, "batch_missing"))
        {
            var events = new[] { await stranger.NextAsync(), await stranger.NextAsync() };
            Assert.All(events, e => Assert.Equal("gone", e.EventType));
            Assert.Equal(new[] { jobId, "batch_missing" }.Order(), events.Select(e => JsonDocument.Parse(e.Data).RootElement.GetProperty("id").GetString()).Order());
        }

        await using var stream = await EventStream.OpenAsync(owner.Http, jobId);
        Assert.Equal("pending", Status(await stream.NextAsync()));
        (await owner.Http.PostAsync($"/batch/jobs/{jobId}/cancel", null)).EnsureSuccessStatusCode();
        Assert.Equal("cancelled", Status(await stream.NextAsync()));
        (await owner.Http.DeleteAsync($"/batch/jobs/{jobId}")).EnsureSuccessStatusCode();
        var gone = await stream.NextAsync();
        Assert.Equal(("gone", jobId), (gone.EventType, JsonDocument.Parse(gone.Data).RootElement.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task A_stream_asking_for_new_jobs_is_told_of_each_the_organization_creates_and_of_no_other()
    {
        var tenant = await gateway.NewTenantAsync();
        var other = await gateway.NewTenantAsync();
        var shown = await tenant.CreateJobAsync(Api.Csv("+12025550101"), ("autoStart", "false"));
        await using var stream = await EventStream.OpenAsync(tenant.Http, listed: true, shown);
        Assert.Equal("job", (await stream.NextAsync()).EventType);

        await other.CreateJobAsync(Api.Csv("+12025550102"), ("autoStart", "false"));
        var created = await tenant.CreateJobAsync(Api.Csv("+12025550103"), ("autoStart", "false"));

        var listed = await stream.NextAsync();
        Assert.Equal(("listed", created), (listed.EventType, JsonDocument.Parse(listed.Data).RootElement.GetProperty("id").GetString()));
        // Only the stream's own jobs' figures and the organization's new jobs: nothing of the other organization's.
        (await tenant.Http.PostAsync($"/batch/jobs/{shown}/cancel", null)).EnsureSuccessStatusCode();
        var next = await stream.NextAsync();
        Assert.Equal(("job", "cancelled"), (next.EventType, Status(next)));
    }

    [Fact]
    public async Task Job_ids_are_checked_and_a_key_is_needed()
    {
        var tenant = await gateway.NewTenantAsync();
        await (await tenant.Http.GetAsync("/batch/jobs/events")).ProblemAsync(HttpStatusCode.BadRequest, "invalid_job_ids");
        var tooMany = string.Join('&', Enumerable.Range(0, 101).Select(i => $"id=batch_{i}"));
        await (await tenant.Http.GetAsync($"/batch/jobs/events?{tooMany}")).ProblemAsync(HttpStatusCode.BadRequest, "invalid_job_ids");
        using var anonymous = gateway.ClientWith(null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/batch/jobs/events?id=batch_1")).StatusCode);
    }

    [Fact]
    public async Task Many_streams_of_the_same_jobs_hold_one_subscription_per_job()
    {
        var tenant = await gateway.NewTenantAsync();
        var jobs = new[]
        {
            await tenant.CreateJobAsync(Api.Csv("+12025550101"), ("autoStart", "false")),
            await tenant.CreateJobAsync(Api.Csv("+12025550102"), ("autoStart", "false")),
        };
        var feedsBefore = await gateway.MetricSumAsync("batch_gateway_job_feeds");
        var watchersBefore = await gateway.MetricSumAsync("batch_job_watchers");

        var streams = await Task.WhenAll(Enumerable.Range(0, 25).Select(_ => EventStream.OpenAsync(tenant.Http, jobs)));
        try
        {
            foreach (var stream in streams)
            {
                Assert.Equal(jobs.Order(), new[] { await stream.NextAsync(), await stream.NextAsync() }.Select(e => Job(e).GetProperty("id").GetString()).Order());
            }

            // Every stream has had both jobs' figures, so every subscription there will be is made; scrapes are cached briefly.
            await Wait.UntilAsync(async () => await gateway.MetricSumAsync("batch_gateway_job_feeds") - feedsBefore == 2
                    && await gateway.MetricSumAsync("batch_job_watchers") - watchersBefore == 2,
                Deadline, () => "not one subscription per job");
        }
        finally
        {
            foreach (var stream in streams)
            {
                await stream.DisposeAsync();
            }
        }

        // The last stream to leave gives each subscription up.
        await Wait.UntilAsync(async () => await gateway.MetricSumAsync("batch_job_watchers") == watchersBefore
                && await gateway.MetricSumAsync("batch_gateway_job_feeds") == feedsBefore,
            Deadline, () => "subscriptions were not given up");
    }

    private static JsonElement Job(SseItem<string> item) => JsonDocument.Parse(item.Data).RootElement.GetProperty("job");

    private static string Status(SseItem<string> item) => Job(item).GetProperty("status").GetString()!;

    private static JsonElement Breakdown(SseItem<string> item) => JsonDocument.Parse(item.Data).RootElement.GetProperty("statusBreakdown");

    /// <summary>An open event stream; its events but pings are waited for one by one.</summary>
    private sealed class EventStream : IAsyncDisposable
    {
        private readonly Channel<SseItem<string>> _events = Channel.CreateUnbounded<SseItem<string>>();
        private JobEventsReader? _stream;

        public static Task<EventStream> OpenAsync(HttpClient http, params string[] jobIds) => OpenAsync(http, listed: false, jobIds);

        public static async Task<EventStream> OpenAsync(HttpClient http, bool listed, params string[] jobIds)
        {
            var stream = new EventStream();
            stream._stream = await JobEventsReader.OpenAsync(http, jobIds, item =>
            {
                if (item.EventType != "ping")
                {
                    stream._events.Writer.TryWrite(item);
                }
            }, listed);
            return stream;
        }

        public async Task<SseItem<string>> NextAsync() => await _events.Reader.ReadAsync().AsTask().WaitAsync(Deadline);

        public ValueTask DisposeAsync() => _stream!.DisposeAsync();
    }
}

[Collection(EmbeddedTests.Name)]
public sealed class JobEventsTestsOnEmbedded(EmbeddedGateway gateway) : JobEventsTests(gateway);

[Collection(ProductionTests.Name)]
public sealed class JobEventsTestsOnProduction(ProductionGateway gateway) : JobEventsTests(gateway);
