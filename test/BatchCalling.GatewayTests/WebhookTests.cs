using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BatchCalling.Hosting;
using BatchCalling.Testing;
using BatchCalling.Webhooks;

namespace BatchCalling.GatewayTests;

/// <summary>Outbound webhooks end to end: registered over the API, delivered by the cluster to a real receiver on loopback.</summary>
public abstract class WebhookTests(IGatewayUnderTest gateway) : IAsyncLifetime
{
    private static readonly string[] AllEvents = ["job.status_changed", "contact.finished"];

    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    private static async Task<(string Id, string Secret)> RegisterAsync(Tenant tenant, string url, params string[] events)
    {
        var created = await (await tenant.Http.PostAsJsonAsync("/batch/webhooks", new { url, events = events.Length > 0 ? events : AllEvents }))
            .JsonAsync(HttpStatusCode.Created);
        return (created.GetProperty("id").GetString()!, created.GetProperty("secret").GetString()!);
    }

    /// <summary>Every event a job of <paramref name="contacts"/> contacts that runs at once tells, in the order it must arrive.</summary>
    private static List<string> EventsOf(string jobId, int contacts) =>
        [$"evt_{jobId}_pending", $"evt_{jobId}_running", .. Enumerable.Range(0, contacts).Select(i => $"evt_{jobId}_{i}_finished"), $"evt_{jobId}_completed"];

    private static bool AllTaken(IReadOnlyList<ReceivedWebhook> posts, IEnumerable<string> ids) =>
        ids.All(id => posts.Any(p => p.Id == id && p.Answered == (int)HttpStatusCode.NoContent));

    private static async Task<List<JsonElement>> DeliveriesAsync(Tenant tenant, string webhookId) =>
        [.. (await (await tenant.Http.GetAsync($"/batch/webhooks/{webhookId}/deliveries")).JsonAsync(HttpStatusCode.OK))
            .GetProperty("deliveries").EnumerateArray()];

    private static Task<JsonElement> DeliveryOfAsync(Tenant tenant, string webhookId, string eventId, Func<JsonElement, bool> done) =>
        WaitForAsync(async () => (await DeliveriesAsync(tenant, webhookId)).FirstOrDefault(d => d.GetProperty("eventId").GetString() == eventId), done,
            $"the delivery of {eventId}");

    private static async Task<JsonElement> WaitForAsync(Func<Task<JsonElement>> read, Func<JsonElement, bool> done, string awaited)
    {
        var last = default(JsonElement);
        await Wait.UntilAsync(async () => (last = await read()).ValueKind != JsonValueKind.Undefined && done(last), TimeSpan.FromSeconds(30),
            () => $"{awaited}: {last}");
        return last;
    }

    private static bool StatusIs(JsonElement delivery, string status) => delivery.GetProperty("status").GetString() == status;

    [Fact]
    public async Task Every_status_change_and_finished_contact_arrives_signed_and_in_its_jobs_order()
    {
        var tenant = await gateway.NewTenantAsync();
        var (_, secret) = await RegisterAsync(tenant, _receiver.Url());
        var jobs = await Task.WhenAll(
            tenant.CreateJobAsync(Api.Csv("+12025550101", "+12025550102", "+12025550103"), ("maxAttempts", "1")),
            tenant.CreateJobAsync(Api.Csv("+12025550104", "+12025550105"), ("maxAttempts", "1")));

        var posts = await _receiver.WaitForAsync(p => AllTaken(p, EventsOf(jobs[0], 3).Concat(EventsOf(jobs[1], 2))), "every event of both jobs");

        Assert.All(posts, p => Assert.True(p.VerifiesWith(secret), $"{p.Id} does not verify"));
        foreach (var (jobId, contacts) in new[] { (jobs[0], 3), (jobs[1], 2) })
        {
            var arrived = posts.Where(p => p.JobId == jobId).Select(p => p.Id).Distinct().ToList();
            var expected = EventsOf(jobId, contacts);
            Assert.Equal(expected[..2], arrived[..2]);
            Assert.Equal(expected[^1], arrived[^1]);
            Assert.Equal(expected.Order(), arrived.Order());
        }

        var completed = posts.First(p => p.Id == $"evt_{jobs[0]}_completed").Json;
        Assert.Equal(("job.status_changed", jobs[0], "completed", "running"), (completed.GetProperty("type").GetString(),
            completed.GetProperty("jobId").GetString(), completed.GetProperty("status").GetString(), completed.GetProperty("previousStatus").GetString()));
        Assert.Equal((3, 3), (completed.GetProperty("counters").GetProperty("total").GetInt32(), completed.GetProperty("counters").GetProperty("processed").GetInt32()));
        Assert.Equal(JsonValueKind.Null, posts.First(p => p.Id == $"evt_{jobs[0]}_pending").Json.GetProperty("previousStatus").ValueKind);
    }

    [Fact]
    public async Task A_finished_contact_is_told_exactly_as_the_job_detail_and_the_contact_listing_show_it()
    {
        var tenant = await gateway.NewTenantAsync();
        await RegisterAsync(tenant, _receiver.Url(), "contact.finished");
        var jobId = await tenant.CreateJobAsync("phone,name,plan\n+12025550101,Ada,gold\n+12025550102,Bob,silver\n", ("maxAttempts", "1"));

        var posts = await _receiver.WaitForAsync(p => AllTaken(p, [$"evt_{jobId}_0_finished", $"evt_{jobId}_1_finished"]), "both contacts");

        var detail = await tenant.JobAsync(jobId);
        var listing = await (await tenant.Http.GetAsync($"/batch/jobs/{jobId}/contacts")).JsonAsync(HttpStatusCode.OK);
        for (var i = 0; i < 2; i++)
        {
            var told = posts.First(p => p.Id == $"evt_{jobId}_{i}_finished").Json;
            Assert.Equal(("contact.finished", jobId), (told.GetProperty("type").GetString(), told.GetProperty("jobId").GetString()));
            Assert.True(JsonElement.DeepEquals(detail.GetProperty("contacts")[i], told.GetProperty("contact")),
                $"the detail shows {detail.GetProperty("contacts")[i]}, the webhook told {told.GetProperty("contact")}");
            Assert.True(JsonElement.DeepEquals(listing.GetProperty("contacts")[i].GetProperty("calls"), told.GetProperty("calls")),
                $"the listing shows {listing.GetProperty("contacts")[i].GetProperty("calls")}, the webhook told {told.GetProperty("calls")}");
        }
    }

    [Fact]
    public async Task A_failing_endpoint_is_retried_and_gets_everything_once_it_recovers()
    {
        _receiver.AnswerWith(500);
        var tenant = await gateway.NewTenantAsync();
        var (webhookId, _) = await RegisterAsync(tenant, _receiver.Url());
        var jobId = await tenant.CreateJobAsync(Api.Csv("+12025550101", "+12025550102"), ("maxAttempts", "1"));
        var first = $"evt_{jobId}_pending";

        await _receiver.WaitForAsync(p => p.Count(x => x.Id == first) >= 3, "three tries of the job's first event");
        var failing = await DeliveryOfAsync(tenant, webhookId, first, d => d.GetProperty("attempts").GetInt32() >= 2);
        Assert.Equal(("failed", 500), (failing.GetProperty("status").GetString(), failing.GetProperty("statusCode").GetInt32()));
        Assert.Equal(JsonValueKind.String, failing.GetProperty("nextAttemptAt").ValueKind);
        _receiver.Recover();

        await _receiver.WaitForAsync(p => AllTaken(p, EventsOf(jobId, 2)), "every event once the endpoint recovered");
        var delivered = await DeliveryOfAsync(tenant, webhookId, first, d => StatusIs(d, "delivered"));
        Assert.Equal(204, delivered.GetProperty("statusCode").GetInt32());
        Assert.True(delivered.GetProperty("attempts").GetInt32() >= 4);
        Assert.Equal(JsonValueKind.Null, delivered.GetProperty("nextAttemptAt").ValueKind);
    }

    [Fact]
    public async Task An_endpoint_is_waited_for_five_seconds_at_most_and_a_late_answer_still_counts()
    {
        var tenant = await gateway.NewTenantAsync();
        var (webhookId, _) = await RegisterAsync(tenant, _receiver.Url());
        _receiver.AnswerAfter(TimeSpan.FromSeconds(1));
        var slow = await PingAsync(tenant, webhookId);
        var answered = await DeliveryOfAsync(tenant, webhookId, slow, d => StatusIs(d, "delivered"));
        Assert.Equal(1, answered.GetProperty("attempts").GetInt32());

        _receiver.Hang();
        var hung = await PingAsync(tenant, webhookId);
        var timedOut = await DeliveryOfAsync(tenant, webhookId, hung, d => StatusIs(d, "failed"));
        Assert.Equal(JsonValueKind.Null, timedOut.GetProperty("statusCode").ValueKind);
        _receiver.Recover();

        await DeliveryOfAsync(tenant, webhookId, hung, d => StatusIs(d, "delivered"));
    }

    [Fact]
    public async Task A_hanging_endpoint_slows_neither_dialing_nor_another_organizations_deliveries()
    {
        await using var dead = await WebhookReceiver.StartAsync();
        dead.Hang();
        var stuck = await gateway.NewTenantAsync();
        var healthy = await gateway.NewTenantAsync();
        await RegisterAsync(stuck, dead.Url());
        await RegisterAsync(healthy, _receiver.Url());
        var clock = Stopwatch.StartNew();

        var jobs = await Task.WhenAll(
            stuck.CreateJobAsync(Api.Csv("+12025550101", "+12025550102", "+12025550103"), ("maxAttempts", "1")),
            healthy.CreateJobAsync(Api.Csv("+12025550104", "+12025550105", "+12025550106"), ("maxAttempts", "1")));
        await _receiver.WaitForAsync(p => AllTaken(p, EventsOf(jobs[1], 3)), "every event of the healthy endpoint's job");
        await stuck.WaitForJobAsync(jobs[0], Api.StatusIs("completed"));

        // Had either waited on the dead endpoint, it would have waited out a delivery's timeout at least.
        Assert.True(clock.Elapsed < WebhookServiceCollectionExtensions.AttemptTimeout, $"took {clock.Elapsed}");
        Assert.Contains(dead.Posts, p => p.Id == $"evt_{jobs[0]}_pending");
    }

    [Fact]
    public async Task A_test_ping_is_delivered_and_logged()
    {
        var tenant = await gateway.NewTenantAsync();
        var (webhookId, secret) = await RegisterAsync(tenant, _receiver.Url(), "contact.finished");

        var eventId = await PingAsync(tenant, webhookId);

        var ping = (await _receiver.WaitForAsync(p => p.Any(x => x.Id == eventId), "the ping")).First(p => p.Id == eventId);
        Assert.True(ping.VerifiesWith(secret));
        Assert.Equal(("ping", webhookId), (ping.Type, ping.Json.GetProperty("webhookId").GetString()));
        var logged = await DeliveryOfAsync(tenant, webhookId, eventId, d => StatusIs(d, "delivered"));
        Assert.Equal(("ping", 204, 1), (logged.GetProperty("type").GetString(), logged.GetProperty("statusCode").GetInt32(), logged.GetProperty("attempts").GetInt32()));
    }

    [Fact]
    public async Task After_a_rotation_deliveries_verify_with_the_new_secret_and_the_old_one()
    {
        var tenant = await gateway.NewTenantAsync();
        var (webhookId, old) = await RegisterAsync(tenant, _receiver.Url());

        var rotated = await (await tenant.Http.PostAsync($"/batch/webhooks/{webhookId}/rotate-secret", null)).JsonAsync(HttpStatusCode.OK);
        var secret = rotated.GetProperty("secret").GetString()!;
        var eventId = await PingAsync(tenant, webhookId);

        Assert.NotEqual(old, secret);
        var ping = (await _receiver.WaitForAsync(p => p.Any(x => x.Id == eventId), "the ping")).First(p => p.Id == eventId);
        Assert.True(ping.VerifiesWith(secret), "the new secret does not verify");
        Assert.True(ping.VerifiesWith(old), "the previous secret does not verify");
    }

    [Fact]
    public async Task A_deleted_endpoint_gets_nothing_more()
    {
        var tenant = await gateway.NewTenantAsync();
        var (deleted, _) = await RegisterAsync(tenant, _receiver.Url("deleted"));
        var (kept, _) = await RegisterAsync(tenant, _receiver.Url("kept"));

        Assert.Equal(HttpStatusCode.NoContent, (await tenant.Http.DeleteAsync($"/batch/webhooks/{deleted}")).StatusCode);
        var jobId = await tenant.CreateJobAsync(Api.Csv("+12025550101"), ("maxAttempts", "1"));

        await _receiver.WaitForAsync(p => AllTaken(p, EventsOf(jobId, 1)), "every event at the endpoint kept", "kept");
        Assert.DoesNotContain(_receiver.PostsTo("deleted"), p => p.JobId == jobId);
        var listed = (await (await tenant.Http.GetAsync("/batch/webhooks")).JsonAsync(HttpStatusCode.OK)).GetProperty("webhooks");
        Assert.Equal([kept], listed.EnumerateArray().Select(w => w.GetProperty("id").GetString()));
        await (await tenant.Http.DeleteAsync($"/batch/webhooks/{deleted}")).ProblemAsync(HttpStatusCode.NotFound, "webhook_not_found");
    }

    [Fact]
    public async Task Another_organizations_endpoint_is_not_found()
    {
        var owner = await gateway.NewTenantAsync();
        var other = await gateway.NewTenantAsync();
        var (webhookId, _) = await RegisterAsync(owner, _receiver.Url());

        foreach (var response in new[]
        {
            await other.Http.DeleteAsync($"/batch/webhooks/{webhookId}"),
            await other.Http.GetAsync($"/batch/webhooks/{webhookId}/deliveries"),
            await other.Http.PostAsync($"/batch/webhooks/{webhookId}/test", null),
            await other.Http.PostAsync($"/batch/webhooks/{webhookId}/rotate-secret", null),
        })
        {
            await response.ProblemAsync(HttpStatusCode.NotFound, "webhook_not_found");
        }

        Assert.Empty((await (await other.Http.GetAsync("/batch/webhooks")).JsonAsync(HttpStatusCode.OK)).GetProperty("webhooks").EnumerateArray());
        Assert.Single((await (await owner.Http.GetAsync("/batch/webhooks")).JsonAsync(HttpStatusCode.OK)).GetProperty("webhooks").EnumerateArray());
    }

    [Fact]
    public async Task An_endpoint_is_shown_with_its_secret_once_and_listed_without_it()
    {
        var tenant = await gateway.NewTenantAsync();
        var url = _receiver.Url();

        var created = await (await tenant.Http.PostAsJsonAsync("/batch/webhooks", new { url, events = AllEvents[1..] })).JsonAsync(HttpStatusCode.Created);

        Assert.StartsWith("wh_", created.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal(32, Convert.FromBase64String(created.GetProperty("secret").GetString()!["whsec_".Length..]).Length);
        Assert.Equal((url, "contact.finished"), (created.GetProperty("url").GetString(), created.GetProperty("events")[0].GetString()));
        Assert.EndsWith("Z", created.GetProperty("createdAt").GetString(), StringComparison.Ordinal);
        var listed = (await (await tenant.Http.GetAsync("/batch/webhooks")).JsonAsync(HttpStatusCode.OK)).GetProperty("webhooks")[0];
        Assert.Equal(["createdAt", "events", "id", "url"], listed.EnumerateObject().Select(p => p.Name).Order());
    }

    [Theory]
    [InlineData("not a url", "url")]
    [InlineData("ftp://hooks.example.com/batch", "url")]
    [InlineData(null, "url")]
    public async Task A_url_that_is_not_http_is_refused(string? url, string field)
    {
        var tenant = await gateway.NewTenantAsync();

        var problem = await (await tenant.Http.PostAsJsonAsync("/batch/webhooks", new { url, events = AllEvents })).ProblemAsync(HttpStatusCode.BadRequest, "validation_error");

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Theory]
    [InlineData]
    [InlineData("job.created")]
    [InlineData("contact.finished", "ping")]
    public async Task Events_must_be_one_or_more_of_those_offered(params string[] events)
    {
        var tenant = await gateway.NewTenantAsync();

        var problem = await (await tenant.Http.PostAsJsonAsync("/batch/webhooks", new { url = _receiver.Url(), events })).ProblemAsync(HttpStatusCode.BadRequest, "validation_error");

        Assert.True(problem.GetProperty("errors").TryGetProperty("events", out _));
    }

    [Fact]
    public async Task An_organization_has_ten_endpoints_at_most()
    {
        var tenant = await gateway.NewTenantAsync();
        for (var i = 0; i < 10; i++)
        {
            await RegisterAsync(tenant, _receiver.Url($"hooks{i}"));
        }

        var problem = await (await tenant.Http.PostAsJsonAsync("/batch/webhooks", new { url = _receiver.Url(), events = AllEvents })).ProblemAsync(HttpStatusCode.BadRequest, "validation_error");

        Assert.True(problem.GetProperty("errors").TryGetProperty("webhooks", out _));
    }

    private static async Task<string> PingAsync(Tenant tenant, string webhookId) =>
        (await (await tenant.Http.PostAsync($"/batch/webhooks/{webhookId}/test", null)).JsonAsync(HttpStatusCode.Accepted)).GetProperty("eventId").GetString()!;
}

[Collection(EmbeddedTests.Name)]
public sealed class WebhookTestsOnEmbedded(EmbeddedGateway gateway) : WebhookTests(gateway);

[Collection(ProductionTests.Name)]
public sealed class WebhookTestsOnProduction(ProductionGateway gateway) : WebhookTests(gateway);
