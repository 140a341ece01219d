using System.Net;
using System.Text.Json;

namespace BatchCalling.GatewayTests;

/// <summary>API.md "Pause, resume, delete" and <c>endAt</c> over HTTP: answers, errors with their codes, and what the job shows after.</summary>
public abstract class JobControlEndpointsTests(IGatewayUnderTest gateway)
{
    private static string Job(int contacts, string outcomes, int durationMs, string extra = "") =>
        $$"""
        { "fromPhoneNumberId": "pn_1", "name": "Control", "concurrentCallLimit": 1, "maxAttempts": 1, {{extra}} "contacts": [
          {{string.Join(",", Enumerable.Range(0, contacts).Select(i =>
              $$"""{ "phone": "+1202555{{i:0000}}", "simulatedOutcomes": "{{outcomes}}", "simulatedDurationMs": "{{durationMs}}" }"""))}} ] }
        """;

    [Fact]
    public async Task Pause_lets_the_call_on_the_line_finish_and_resume_dials_the_rest()
    {
        var tenant = await gateway.NewTenantAsync();
        var jobId = await CreateAsync(tenant, Job(3, "completed", 1500));
        await tenant.WaitForJobAsync(jobId, job => Count(job, "dialing") == 1);

        var paused = await (await tenant.Http.PostAsync($"/batch/jobs/{jobId}/pause", null)).JsonAsync(HttpStatusCode.OK);

        Assert.Equal((true, "Batch job paused", jobId, "paused", 1),
            (paused.GetProperty("success").GetBoolean(), paused.GetProperty("message").GetString(), paused.GetProperty("batchJobId").GetString(),
                paused.GetProperty("status").GetString(), paused.GetProperty("callsInProgress").GetInt32()));
        var detail = await tenant.WaitForJobAsync(jobId, job => Count(job, "completed") == 1);
        Assert.Equal(("paused", "user", 2), (detail.GetProperty("status").GetString(), detail.GetProperty("pauseReason").GetString(), Count(detail, "pending")));
        var again = await (await tenant.Http.PostAsync($"/batch/jobs/{jobId}/pause", null)).ProblemAsync(HttpStatusCode.BadRequest, "invalid_status");
        Assert.Equal("Cannot pause job in 'paused' status", again.Detail());
        var listed = (await (await tenant.Http.GetAsync("/batch/jobs?status=paused")).JsonAsync(HttpStatusCode.OK)).GetProperty("batchJobs");
        Assert.Equal([jobId], listed.EnumerateArray().Select(j => j.GetProperty("id").GetString()));

        var resumed = await (await tenant.Http.PostAsync($"/batch/jobs/{jobId}/resume", null)).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(("Batch job resumed", "running"), (resumed.GetProperty("message").GetString(), resumed.GetProperty("status").GetString()));
        detail = await tenant.WaitForJobAsync(jobId, Api.StatusIs("completed"));
        Assert.Equal((3, JsonValueKind.Null), (detail.GetProperty("successfulCalls").GetInt32(), detail.GetProperty("pauseReason").ValueKind));
        var late = await (await tenant.Http.PostAsync($"/batch/jobs/{jobId}/resume", null)).ProblemAsync(HttpStatusCode.BadRequest, "invalid_status");
        Assert.Equal("Cannot resume job in 'completed' status", late.Detail());
    }

    [Fact]
    public async Task One_contact_is_cancelled_once_and_an_unknown_one_is_not_found()
    {
        var tenant = await gateway.NewTenantAsync();
        var jobId = await CreateAsync(tenant, Job(2, "completed", 0, """ "autoStart": false, """));

        var contact = await (await tenant.Http.PostAsync($"/batch/jobs/{jobId}/contacts/1/cancel", null)).JsonAsync(HttpStatusCode.OK);

        Assert.Equal((1, "+12025550001", "cancelled", 0), (contact.GetProperty("index").GetInt32(), contact.GetProperty("phone").GetString(),
            contact.GetProperty("status").GetString(), contact.GetProperty("attempts").GetInt32()));
        var detail = await tenant.JobAsync(jobId);
        Assert.Equal("contact_cancelled", detail.GetProperty("contacts")[1].GetProperty("failureReason").GetString());
        var twice = await (await tenant.Http.PostAsync($"/batch/jobs/{jobId}/contacts/1/cancel", null)).ProblemAsync(HttpStatusCode.BadRequest, "invalid_status");
        Assert.Equal("Cannot cancel a contact in a final status", twice.Detail());
        foreach (var index in new[] { "2", "-1", "abc", "99999999999" })
        {
            await (await tenant.Http.PostAsync($"/batch/jobs/{jobId}/contacts/{index}/cancel", null)).ProblemAsync(HttpStatusCode.NotFound, "contact_not_found");
        }

        await (await tenant.Http.PostAsync("/batch/jobs/batch_nope/contacts/0/cancel", null)).ProblemAsync(HttpStatusCode.NotFound, "job_not_found");
        await (await tenant.Http.PostAsync($"/batch/jobs/{jobId}/start", null)).JsonAsync(HttpStatusCode.OK);
        detail = await tenant.WaitForJobAsync(jobId, Api.StatusIs("completed"));
        Assert.Equal((1, 1), (Count(detail, "completed"), Count(detail, "cancelled")));
    }

    [Fact]
    public async Task Delete_erases_a_final_job_only_once_its_calls_are_off_the_line()
    {
        var tenant = await gateway.NewTenantAsync();
        var jobId = await CreateAsync(tenant, Job(2, "completed", 3000));
        await tenant.WaitForJobAsync(jobId, job => Count(job, "dialing") == 1);

        var running = await (await tenant.Http.DeleteAsync($"/batch/jobs/{jobId}")).ProblemAsync(HttpStatusCode.BadRequest, "invalid_status");
        await (await tenant.Http.PostAsync($"/batch/jobs/{jobId}/cancel", null)).JsonAsync(HttpStatusCode.OK);
        var onTheLine = await (await tenant.Http.DeleteAsync($"/batch/jobs/{jobId}")).ProblemAsync(HttpStatusCode.BadRequest, "invalid_status");
        await tenant.WaitForJobAsync(jobId, job => Count(job, "dialing") == 0);

        var deleted = await tenant.Http.DeleteAsync($"/batch/jobs/{jobId}");

        Assert.Equal(("Cancel the job before deleting it", "Calls are still in progress"), (running.Detail(), onTheLine.Detail()));
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await (await tenant.Http.GetAsync($"/batch/jobs/{jobId}")).ProblemAsync(HttpStatusCode.NotFound, "job_not_found");
        await (await tenant.Http.GetAsync($"/batch/jobs/{jobId}/contacts.csv")).ProblemAsync(HttpStatusCode.NotFound, "job_not_found");
        await (await tenant.Http.DeleteAsync($"/batch/jobs/{jobId}")).ProblemAsync(HttpStatusCode.NotFound, "job_not_found");
        var list = await (await tenant.Http.GetAsync("/batch/jobs")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(0, list.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Another_organizations_job_cannot_be_paused_resumed_or_deleted()
    {
        var owner = await gateway.NewTenantAsync();
        var other = await gateway.NewTenantAsync();
        var jobId = await CreateAsync(owner, Job(1, "completed", 0, """ "autoStart": false, """));

        foreach (var (method, path) in new[] { ("POST", "/pause"), ("POST", "/resume"), ("POST", "/contacts/0/cancel"), ("DELETE", "") })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), $"/batch/jobs/{jobId}{path}");
            await (await other.Http.SendAsync(request)).ProblemAsync(HttpStatusCode.NotFound, "job_not_found");
        }
    }

    [Fact]
    public async Task EndAt_is_read_like_a_start_shown_on_the_job_and_refused_when_past()
    {
        var tenant = await gateway.NewTenantAsync();
        var jobId = await CreateAsync(tenant, Job(1, "completed", 0,
            """ "autoStart": false, "timezone": "America/New_York", "endAt": "2099-07-01T17:00:00", """));

        var job = await tenant.JobAsync(jobId);

        Assert.Equal("2099-07-01T21:00:00Z", job.GetProperty("endAt").GetString());
        var past = await (await tenant.Http.PostJsonAsync(Job(1, "completed", 0, """ "endAt": "2020-01-01T00:00:00Z", """)))
            .ProblemAsync(HttpStatusCode.BadRequest, "validation_error");
        Assert.Equal(JsonValueKind.Array, past.GetProperty("errors").GetProperty("endAt").ValueKind);
        await (await tenant.Http.PostJsonAsync(Job(1, "completed", 0, """ "endAt": "whenever", """)))
            .ProblemAsync(HttpStatusCode.BadRequest, "invalid_datetime");
    }

    private static async Task<string> CreateAsync(Tenant tenant, string json) =>
        (await (await tenant.Http.PostJsonAsync(json)).JsonAsync(HttpStatusCode.Created)).GetProperty("batchJobId").GetString()!;

    private static int Count(JsonElement job, string status) =>
        job.GetProperty("statusBreakdown").TryGetProperty(status, out var count) ? count.GetInt32() : 0;
}

[Collection(EmbeddedTests.Name)]
public sealed class JobControlEndpointsTestsOnEmbedded(EmbeddedGateway gateway) : JobControlEndpointsTests(gateway);

[Collection(ProductionTests.Name)]
public sealed class JobControlEndpointsTestsOnProduction(ProductionGateway gateway) : JobControlEndpointsTests(gateway);
