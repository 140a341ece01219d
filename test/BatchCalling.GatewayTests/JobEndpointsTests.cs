using System.Net;
using System.Net.Http.Json;

namespace BatchCalling.GatewayTests;

public abstract class JobEndpointsTests(IGatewayUnderTest gateway)
{
    private static readonly int NextYear = DateTime.UtcNow.Year + 1;

    private static string Held(string phone) => $"phone,simulatedOutcomes\n{phone},no_answer\n";

    /// <summary>A job that dials once, hears no_answer and then waits a day: it stays running.</summary>
    private static async Task<string> RunningJobAsync(Tenant tenant)
    {
        var jobId = await tenant.CreateJobAsync(Held("+12025550101"), ("retryDelaySeconds", "86400"));
        await tenant.WaitForJobAsync(jobId, job => job.GetProperty("contactStatusCounts").TryGetProperty("no_answer", out _));
        return jobId;
    }

    [Fact]
    public async Task List_pages_newest_first_and_filters_by_status()
    {
        var tenant = await gateway.NewTenantAsync();
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await tenant.CreateJobAsync(Api.Csv("+12025550101"), ("autoStart", "false"), ("name", $"job {i}")));
        }

        var scheduled = await tenant.CreateJobAsync(Api.Csv("+12025550101"), ("scheduledStartTime", $"{NextYear}-01-01T00:00:00Z"));

        var page = await (await tenant.Http.GetAsync("/batch/jobs?page=1&pageSize=2")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal((4, 1, 2), (page.GetProperty("total").GetInt32(), page.GetProperty("page").GetInt32(), page.GetProperty("pageSize").GetInt32()));
        Assert.Equal([scheduled, ids[2]], page.GetProperty("batchJobs").EnumerateArray().Select(j => j.GetProperty("id").GetString()));
        var second = await (await tenant.Http.GetAsync("/batch/jobs?page=2&pageSize=2")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal([ids[1], ids[0]], second.GetProperty("batchJobs").EnumerateArray().Select(j => j.GetProperty("id").GetString()));

        var pending = await (await tenant.Http.GetAsync($"/batch/jobs?status=pending&organizationId={tenant.OrganizationId}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(3, pending.GetProperty("total").GetInt32());
        var job = pending.GetProperty("batchJobs")[0];
        Assert.Equal(
            ["actualStartTime", "agentId", "completedAt", "concurrentCallLimit", "contactsProcessed", "createdAt", "description", "endAt",
             "failedCalls", "fromPhoneNumberId", "id", "metadata", "name", "organizationId", "pauseReason", "retryPolicy", "scheduledStartTime",
             "status", "successfulCalls", "totalContacts"],
            job.EnumerateObject().Select(p => p.Name).Order());
        Assert.EndsWith("Z", job.GetProperty("createdAt").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("?status=done", "invalid_status")]
    [InlineData("?page=0", "invalid_page")]
    [InlineData("?page=x", "invalid_page")]
    [InlineData("?pageSize=101", "invalid_page_size")]
    [InlineData("?pageSize=0", "invalid_page_size")]
    public async Task List_refuses_bad_queries(string query, string code)
    {
        var tenant = await gateway.NewTenantAsync();

        await (await tenant.Http.GetAsync("/batch/jobs" + query)).ProblemAsync(HttpStatusCode.BadRequest, code);
    }

    [Fact]
    public async Task Another_organizations_jobs_are_hidden()
    {
        var owner = await gateway.NewTenantAsync();
        var other = await gateway.NewTenantAsync();
        var jobId = await owner.CreateJobAsync(Api.Csv("+12025550101"), ("autoStart", "false"));

        await (await other.Http.GetAsync($"/batch/jobs?organizationId={owner.OrganizationId}")).ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(0, (await (await other.Http.GetAsync("/batch/jobs")).JsonAsync(HttpStatusCode.OK)).GetProperty("total").GetInt32());
        foreach (var response in new[]
        {
            await other.Http.GetAsync($"/batch/jobs/{jobId}"),
            await other.Http.GetAsync($"/batch/jobs/{jobId}/contacts"),
            await other.Http.GetAsync($"/batch/jobs/{jobId}/contacts.csv"),
            await other.Http.PostAsync($"/batch/jobs/{jobId}/start", null),
            await other.Http.PostAsync($"/batch/jobs/{jobId}/cancel", null),
            await other.Http.PatchAsync($"/batch/jobs/{jobId}/reschedule?scheduledStartTime={NextYear}-03-01T10:00:00", null),
        })
        {
            Assert.Equal("Batch job not found", (await response.ProblemAsync(HttpStatusCode.NotFound, "job_not_found")).Detail());
        }
    }

    [Fact]
    public async Task Detail_shows_settings_counts_and_progress()
    {
        var tenant = await gateway.NewTenantAsync();
        var jobId = await tenant.CreateJobAsync("phone,simulatedOutcomes\n+12025550101,completed\n+12025550102,busy\n",
            ("maxAttempts", "1"), ("concurrentCallLimit", "7"), ("description", "the detail"));

        var job = await tenant.WaitForJobAsync(jobId, Api.StatusIs("completed"));

        Assert.Equal(("completed", 2, 2, 1, 1), (job.GetProperty("status").GetString(), job.GetProperty("contactsProcessed").GetInt32(),
            job.GetProperty("totalContacts").GetInt32(), job.GetProperty("successfulCalls").GetInt32(), job.GetProperty("failedCalls").GetInt32()));
        Assert.Equal("""{"completed":1,"busy":1}""".Length, job.GetProperty("contactStatusCounts").GetRawText().Length);
        Assert.Equal(1, job.GetProperty("contactStatusCounts").GetProperty("busy").GetInt32());
        Assert.Equal((100.0, 7, 1, 300, "UTC", "the detail"), (job.GetProperty("progress").GetDouble(), job.GetProperty("concurrentCallLimit").GetInt32(),
            job.GetProperty("maxAttempts").GetInt32(), job.GetProperty("retryDelaySeconds").GetInt32(), job.GetProperty("timezone").GetString(),
            job.GetProperty("description").GetString()));
        Assert.NotNull(job.GetProperty("completedAt").GetString());
    }

    [Fact]
    public async Task Contacts_list_every_attempt_and_filter_by_status()
    {
        var tenant = await gateway.NewTenantAsync();
        var jobId = await tenant.CreateJobAsync("phone,simulatedOutcomes\n+12025550101,\"busy,completed\"\n+12025550102,completed\n", ("retryDelaySeconds", "0"));
        await tenant.WaitForJobAsync(jobId, Api.StatusIs("completed"));

        var all = await (await tenant.Http.GetAsync($"/batch/jobs/{jobId}/contacts")).JsonAsync(HttpStatusCode.OK);
        var first = all.GetProperty("contacts")[0];
        Assert.Equal((0, 2, "completed"), (first.GetProperty("index").GetInt32(), first.GetProperty("attempts").GetInt32(), first.GetProperty("lastOutcome").GetString()));
        Assert.Equal(["busy", "completed"], first.GetProperty("calls").EnumerateArray().Select(c => c.GetProperty("outcome").GetString()));
        Assert.Equal($"call_{jobId}_0_2", first.GetProperty("calls")[1].GetProperty("callId").GetString());

        var filtered = await (await tenant.Http.GetAsync($"/batch/jobs/{jobId}/contacts?status=completed&pageSize=1&page=2")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(2, filtered.GetProperty("total").GetInt32());
        Assert.Equal(1, filtered.GetProperty("contacts")[0].GetProperty("index").GetInt32());
        await (await tenant.Http.GetAsync($"/batch/jobs/{jobId}/contacts?status=ringing")).ProblemAsync(HttpStatusCode.BadRequest, "invalid_status");
    }

    [Fact]
    public async Task Start_runs_a_pending_job_once()
    {
        var tenant = await gateway.NewTenantAsync();
        var jobId = await tenant.CreateJobAsync(Held("+12025550101"), ("autoStart", "false"), ("retryDelaySeconds", "86400"));

        var started = await (await tenant.Http.PostAsync($"/batch/jobs/{jobId}/start", null)).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(("Batch job started", "running", 1, false), (started.GetProperty("message").GetString(), started.GetProperty("status").GetString(),
            started.GetProperty("contactsEnqueued").GetInt32(), started.GetProperty("redisJobCancelled").GetBoolean()));
        var again = await (await tenant.Http.PostAsync($"/batch/jobs/{jobId}/start", null)).ProblemAsync(HttpStatusCode.BadRequest, "already_running");
        Assert.Equal("Job is already running", again.Detail());
    }

    [Fact]
    public async Task Start_and_cancel_refuse_finished_jobs_with_the_seed_sentences()
    {
        var tenant = await gateway.NewTenantAsync();
        var jobId = await tenant.CreateJobAsync("phone,simulatedOutcomes\n+12025550101,completed\n");
        await tenant.WaitForJobAsync(jobId, Api.StatusIs("completed"));

        var start = await (await tenant.Http.PostAsync($"/batch/jobs/{jobId}/start", null)).ProblemAsync(HttpStatusCode.BadRequest, "invalid_status");
        var cancel = await (await tenant.Http.PostAsync($"/batch/jobs/{jobId}/cancel", null)).ProblemAsync(HttpStatusCode.BadRequest, "already_terminal");

        Assert.Equal("Cannot start job in 'completed' status", start.Detail());
        Assert.Equal("Cannot cancel job in 'completed' status", cancel.Detail());
    }

    [Fact]
    public async Task Cancel_answers_by_the_status_it_found()
    {
        var tenant = await gateway.NewTenantAsync();
        var scheduled = await tenant.CreateJobAsync(Api.Csv("+12025550101", "+12025550102"), ("scheduledStartTime", $"{NextYear}-01-01T00:00:00Z"));
        var pending = await tenant.CreateJobAsync(Api.Csv("+12025550101"), ("autoStart", "false"));
        var running = await RunningJobAsync(tenant);

        var results = new List<(string?, bool, int)>();
        foreach (var jobId in new[] { scheduled, pending, running })
        {
            var body = await (await tenant.Http.PostAsync($"/batch/jobs/{jobId}/cancel", null)).JsonAsync(HttpStatusCode.OK);
            results.Add((body.GetProperty("message").GetString(), body.GetProperty("redisJobCancelled").GetBoolean(), body.GetProperty("contactsCancelled").GetInt32()));
        }

        Assert.Equal(
            [
                ("Scheduled job cancelled successfully", true, 2),
                ("Pending job cancelled successfully", false, 1),
                ("Job was already running - cancelled remaining contacts", false, 1),
            ],
            results);
        var cancelled = await tenant.JobAsync(running);
        Assert.Equal("cancelled", cancelled.GetProperty("status").GetString());
        Assert.NotNull(cancelled.GetProperty("cancelledAt").GetString());
    }

    [Fact]
    public async Task Reschedule_converts_zones_like_the_seed_examples()
    {
        var tenant = await gateway.NewTenantAsync();
        var jobId = await tenant.CreateJobAsync(Api.Csv("+12025550101"), ("autoStart", "false"));

        var first = await (await tenant.Http.PatchAsync($"/batch/jobs/{jobId}/reschedule?scheduledStartTime={NextYear}-03-01T09:00:00&timezone=Europe/London", null))
            .JsonAsync(HttpStatusCode.OK);
        var second = await (await tenant.Http.PatchAsync($"/batch/jobs/{jobId}/reschedule?scheduledStartTime={NextYear}-03-01T10:00:00&timezone=America/New_York", null))
            .JsonAsync(HttpStatusCode.OK);

        Assert.Equal(("Scheduled successfully", $"{NextYear}-03-01T09:00:00Z", "scheduled", false),
            (first.GetProperty("message").GetString(), first.GetProperty("scheduledStartTime").GetString(), first.GetProperty("status").GetString(),
             first.GetProperty("oldJobCancelled").GetBoolean()));
        Assert.Equal(("Rescheduled successfully (old job cancelled)", $"{NextYear}-03-01T15:00:00Z", true),
            (second.GetProperty("message").GetString(), second.GetProperty("scheduledStartTime").GetString(), second.GetProperty("oldJobCancelled").GetBoolean()));
        Assert.NotEqual(first.GetProperty("newScheduledJobId").GetString(), second.GetProperty("newScheduledJobId").GetString());
        Assert.Equal(second.GetProperty("newScheduledJobId").GetString(), (await tenant.JobAsync(jobId)).GetProperty("scheduledJobId").GetString());
    }

    [Fact]
    public async Task Reschedule_errors_carry_the_exact_seed_details()
    {
        var tenant = await gateway.NewTenantAsync();
        var pending = await tenant.CreateJobAsync(Api.Csv("+12025550101"), ("autoStart", "false"));
        var running = await RunningJobAsync(tenant);
        var future = $"{NextYear}-03-01T10:00:00";

        var zone = await (await tenant.Http.PatchAsync($"/batch/jobs/{pending}/reschedule?scheduledStartTime={future}&timezone=Invalid/Timezone", null))
            .ProblemAsync(HttpStatusCode.BadRequest, "invalid_timezone");
        var format = await (await tenant.Http.PatchAsync($"/batch/jobs/{pending}/reschedule?scheduledStartTime=March%201st", null))
            .ProblemAsync(HttpStatusCode.BadRequest, "invalid_datetime");
        var missing = await (await tenant.Http.PatchAsync($"/batch/jobs/{pending}/reschedule", null)).ProblemAsync(HttpStatusCode.BadRequest, "invalid_datetime");
        await (await tenant.Http.PatchAsync($"/batch/jobs/{pending}/reschedule?scheduledStartTime=2020-03-01T10:00:00", null))
            .ProblemAsync(HttpStatusCode.BadRequest, "past_scheduled_time");
        var status = await (await tenant.Http.PatchAsync($"/batch/jobs/{running}/reschedule?scheduledStartTime={future}", null))
            .ProblemAsync(HttpStatusCode.BadRequest, "invalid_status");
        var notFound = await (await tenant.Http.PatchAsync($"/batch/jobs/batch_nope/reschedule?scheduledStartTime={future}", null))
            .ProblemAsync(HttpStatusCode.NotFound, "job_not_found");

        Assert.Equal("Invalid timezone 'Invalid/Timezone'. Use IANA timezone format (e.g., 'America/New_York', 'Asia/Karachi', 'UTC').", zone.Detail());
        Assert.Equal("Invalid datetime format. Use format like '2025-03-01T10:00:00'.", format.Detail());
        Assert.Equal(format.Detail(), missing.Detail());
        Assert.Equal("Cannot reschedule job in 'running' status. Only 'scheduled' or 'pending' jobs can be rescheduled.", status.Detail());
        Assert.Equal("Batch job not found", notFound.Detail());
    }

    [Fact]
    public async Task A_time_in_the_daylight_saving_gap_is_an_invalid_datetime()
    {
        var tenant = await gateway.NewTenantAsync();
        var pending = await tenant.CreateJobAsync(Api.Csv("+12025550101"), ("autoStart", "false"));
        var gapDay = Enumerable.Range(8, 7).Select(d => new DateTime(NextYear, 3, d)).First(d => d.DayOfWeek == DayOfWeek.Sunday);

        await (await tenant.Http.PatchAsync($"/batch/jobs/{pending}/reschedule?scheduledStartTime={gapDay:yyyy-MM-dd}T02:30:00&timezone=America/New_York", null))
            .ProblemAsync(HttpStatusCode.BadRequest, "invalid_datetime");
    }

    [Fact]
    public async Task Unknown_routes_and_ids_get_problem_documents_not_500s()
    {
        var tenant = await gateway.NewTenantAsync();

        await (await tenant.Http.GetAsync("/batch/jobs/" + new string('x', 5000))).ProblemAsync(HttpStatusCode.NotFound, "job_not_found");
        await (await tenant.Http.DeleteAsync("/batch/jobs/batch_1")).ProblemAsync(HttpStatusCode.NotFound, "job_not_found");
        await (await tenant.Http.PutAsJsonAsync("/batch/jobs/batch_1", new { })).ProblemAsync(HttpStatusCode.MethodNotAllowed, "method_not_allowed");
        await (await tenant.Http.PostAsJsonAsync("/batch/jobs/batch_1/cancel", new { })).ProblemAsync(HttpStatusCode.NotFound, "job_not_found");
        await (await tenant.Http.GetAsync("/batch/nothing/here")).ProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Theory]
    [InlineData("GET", "/batch/jobs/%09")]
    [InlineData("GET", "/batch/jobs/%20")]
    [InlineData("GET", "/batch/jobs/%20%0A/contacts")]
    [InlineData("GET", "/batch/jobs/%20/contacts.csv")]
    [InlineData("POST", "/batch/jobs/%20/start")]
    [InlineData("POST", "/batch/jobs/%09/cancel")]
    [InlineData("PATCH", "/batch/jobs/%20/reschedule?scheduledStartTime=2099-01-01T00:00:00Z")]
    public async Task A_blank_job_id_is_a_job_that_does_not_exist(string method, string path)
    {
        var tenant = await gateway.NewTenantAsync();

        await (await tenant.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path))).ProblemAsync(HttpStatusCode.NotFound, "job_not_found");
    }
}

[Collection(EmbeddedTests.Name)]
public sealed class JobEndpointsTestsOnEmbedded(EmbeddedGateway gateway) : JobEndpointsTests(gateway);

[Collection(ProductionTests.Name)]
public sealed class JobEndpointsTestsOnProduction(ProductionGateway gateway) : JobEndpointsTests(gateway);
