using System.Net;
using System.Text;
using System.Text.Json;

namespace BatchCalling.GatewayTests;

/// <summary>The parts of the seed product's public reference marked Compat in API.md, and the small Beyond additions beside them.</summary>
public abstract class CompatTests(IGatewayUnderTest gateway)
{
    private static readonly int NextYear = DateTime.UtcNow.Year + 1;

    private static string Names(JsonElement list) =>
        string.Join(',', list.GetProperty("batchJobs").EnumerateArray().Select(j => j.GetProperty("name").GetString()));

    [Fact]
    public async Task The_seed_create_path_is_the_same_endpoint_in_both_modes()
    {
        var tenant = await gateway.NewTenantAsync();

        var csv = await tenant.Http.PostCsvToAsync("/batch/create", Encoding.UTF8.GetBytes(Api.SampleCsv("contacts-mixed.csv")), ("autoStart", "false"));
        var json = await tenant.Http.PostJsonAsync("""
            { "fromPhoneNumberId": "pn_1", "name": "Json", "autoStart": false, "contacts": [ { "phone": "+12025550101" } ] }
            """, "/batch/create");

        var fromCsv = await csv.JsonAsync(HttpStatusCode.Created);
        var csvId = fromCsv.GetProperty("batchJobId").GetString()!;
        Assert.Equal($"/batch/jobs/{csvId}", csv.Headers.Location?.OriginalString);
        Assert.Equal((2, 5, "Batch job created"), (fromCsv.GetProperty("totalContacts").GetInt32(), fromCsv.GetProperty("skippedCount").GetInt32(),
            fromCsv.GetProperty("message").GetString()));
        var jsonId = (await json.JsonAsync(HttpStatusCode.Created)).GetProperty("batchJobId").GetString()!;
        Assert.Equal("pending", (await tenant.JobAsync(jsonId)).GetProperty("status").GetString());
        await (await tenant.Http.PostCsvToAsync("/batch/create", Encoding.UTF8.GetBytes(Api.Csv("+12025550101")), ("name", " ")))
            .ProblemAsync(HttpStatusCode.BadRequest, "validation_error");
        await (await tenant.Http.PostCsvToAsync("/batch/create", Encoding.UTF8.GetBytes(Api.Csv("+12025550101")), ("fromPhoneNumberId", "pn_nope")))
            .ProblemAsync(HttpStatusCode.NotFound, "phone_number_not_found");
        await (await tenant.Http.PostJsonAsync("""{ "name": "x", "fromPhoneNumberId": "pn_1" }""", "/batch/create"))
            .ProblemAsync(HttpStatusCode.BadRequest, "validation_error");
        await (await gateway.ClientWith(null).PostJsonAsync("{}", "/batch/create")).ProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task The_detail_carries_the_compat_fields_and_a_page_of_contacts()
    {
        var tenant = await gateway.NewTenantAsync();
        var created = await (await tenant.Http.PostJsonAsync("""
            { "fromPhoneNumberId": "pn_1", "name": "Detail", "concurrentCallLimit": 2, "retryPolicy": { "maxAttempts": 1 },
              "metadata": { "campaign": "spring", "batch": 7 },
              "contacts": [
                { "phone": "+12025550101", "name": "Ada", "customerName": "Ada L", "simulatedOutcomes": "completed", "simulatedDurationMs": 1200 },
                { "phone": "+12025550102", "simulatedOutcomes": "busy" },
                { "phone": "+12025550103", "simulatedOutcomes": "voicemail", "simulatedDurationMs": 1200 } ] }
            """)).JsonAsync(HttpStatusCode.Created);
        var jobId = created.GetProperty("batchJobId").GetString()!;

        var job = await tenant.WaitForJobAsync(jobId, Api.StatusIs("completed"));

        Assert.Equal((tenant.OrganizationId, "agent_1", "pn_1", 2), (job.GetProperty("organizationId").GetString(), job.GetProperty("agentId").GetString(),
            job.GetProperty("fromPhoneNumberId").GetString(), job.GetProperty("concurrentCallLimit").GetInt32()));
        Assert.Equal("""{"maxAttempts":1,"retryableStatuses":["no_answer","busy","timeout"]}""", job.GetProperty("retryPolicy").GetRawText());
        Assert.Equal("""{"campaign":"spring","batch":7}""", job.GetProperty("metadata").GetRawText());
        Assert.Equal(new Dictionary<string, int> { ["completed"] = 1, ["busy"] = 1, ["voicemail"] = 1 },
            job.GetProperty("statusBreakdown").Deserialize<Dictionary<string, int>>());
        Assert.Equal(job.GetProperty("statusBreakdown").GetRawText(), job.GetProperty("contactStatusCounts").GetRawText());
        Assert.Equal((1, 2), (job.GetProperty("successfulCalls").GetInt32(), job.GetProperty("failedCalls").GetInt32()));
        // Connected calls are paid for: 2 × $0.035 × 1.2 s ÷ 120 s.
        Assert.Equal((0.0007m, "$0.00"), (job.GetProperty("actualCostUsd").GetDecimal(), job.GetProperty("actualCost").GetString()));
        Assert.Equal(JsonValueKind.Null, job.GetProperty("estimatedCompletionTime").ValueKind);
        Assert.Equal((3, 1, 50, false), (job.GetProperty("contactsTotal").GetInt32(), job.GetProperty("contactsPage").GetInt32(),
            job.GetProperty("contactsPageSize").GetInt32(), job.GetProperty("contactsHasMore").GetBoolean()));

        var contacts = job.GetProperty("contacts");
        var ada = contacts[0];
        Assert.Equal(
            ["attemptCount", "callDuration", "completedAt", "contactData", "endedReason", "errorCode", "failureReason", "id", "lastAttemptAt", "maxAttempts",
             "nextRetryAt", "phoneNumber", "recordingUrl", "roomName", "status", "summary", "waitReason"],
            ada.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(("contact_000000", "+12025550101", "completed", 1, 1, 1), (ada.GetProperty("id").GetString(), ada.GetProperty("phoneNumber").GetString(),
            ada.GetProperty("status").GetString(), ada.GetProperty("attemptCount").GetInt32(), ada.GetProperty("maxAttempts").GetInt32(),
            ada.GetProperty("callDuration").GetInt32()));
        Assert.Equal("""{"phone":"+12025550101","name":"Ada","customerName":"Ada L","simulatedOutcomes":"completed","simulatedDurationMs":1200}""",
            ada.GetProperty("contactData").GetRawText());
        Assert.True(ada.GetProperty("completedAt").GetDateTimeOffset() >= ada.GetProperty("lastAttemptAt").GetDateTimeOffset());
        // The room and results come from a platform (the production profile's); the in-process simulator gives none.
        var nulls = ada.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Null).Select(p => p.Name).ToHashSet();
        Assert.Superset(new HashSet<string> { "errorCode", "nextRetryAt", "failureReason", "waitReason" }, nulls);
        Assert.Subset(new HashSet<string> { "errorCode", "nextRetryAt", "failureReason", "waitReason", "roomName", "endedReason", "recordingUrl", "summary" }, nulls);
        Assert.Equal(("contact_000001", "busy", "busy"), (contacts[1].GetProperty("id").GetString(), contacts[1].GetProperty("status").GetString(),
            contacts[1].GetProperty("failureReason").GetString()));
        Assert.Equal(("voicemail", "voicemail"), (contacts[2].GetProperty("status").GetString(), contacts[2].GetProperty("failureReason").GetString()));
    }

    [Fact]
    public async Task The_detail_pages_and_filters_its_contacts()
    {
        var tenant = await gateway.NewTenantAsync();
        var jobId = await tenant.CreateJobAsync("phone,simulatedOutcomes\n+12025550101,completed\n+12025550102,busy\n+12025550103,completed\n",
            ("maxAttempts", "1"));
        await tenant.WaitForJobAsync(jobId, Api.StatusIs("completed"));

        var first = await (await tenant.Http.GetAsync($"/batch/jobs/{jobId}?contactsPageSize=2")).JsonAsync(HttpStatusCode.OK);
        var second = await (await tenant.Http.GetAsync($"/batch/jobs/{jobId}?contactsPageSize=2&contactsPage=2")).JsonAsync(HttpStatusCode.OK);
        var completed = await (await tenant.Http.GetAsync($"/batch/jobs/{jobId}?contactStatus=completed&contactsPage=2&contactsPageSize=1"))
            .JsonAsync(HttpStatusCode.OK);

        static string Page(JsonElement job) =>
            $"{string.Join(',', job.GetProperty("contacts").EnumerateArray().Select(c => c.GetProperty("id").GetString()))}" +
            $" total {job.GetProperty("contactsTotal")} page {job.GetProperty("contactsPage")} of {job.GetProperty("contactsPageSize")}" +
            $" more {job.GetProperty("contactsHasMore")}";
        Assert.Equal("contact_000000,contact_000001 total 3 page 1 of 2 more True", Page(first));
        Assert.Equal("contact_000002 total 3 page 2 of 2 more False", Page(second));
        Assert.Equal("contact_000002 total 2 page 2 of 1 more False", Page(completed));
        Assert.Equal(3, second.GetProperty("totalContacts").GetInt32());

        foreach (var (query, code) in new[]
        {
            ("contactsPageSize=501", "invalid_page_size"), ("contactsPageSize=0", "invalid_page_size"), ("contactsPage=0", "invalid_page"),
            ("contactsPage=x", "invalid_page"), ("contactStatus=ringing", "invalid_status"),
        })
        {
            await (await tenant.Http.GetAsync($"/batch/jobs/{jobId}?{query}")).ProblemAsync(HttpStatusCode.BadRequest, code);
        }

        Assert.Equal(500, (await (await tenant.Http.GetAsync($"/batch/jobs/{jobId}?contactsPageSize=500")).JsonAsync(HttpStatusCode.OK))
            .GetProperty("contactsPageSize").GetInt32());
    }

    [Fact]
    public async Task A_contact_on_a_call_is_dialing_and_in_progress_still_filters_it()
    {
        var tenant = await gateway.NewTenantAsync();
        var jobId = await tenant.CreateJobAsync("phone,simulatedDurationMs\n+12025550101,30000\n+12025550102,30000\n", ("concurrentCallLimit", "1"));

        var job = await tenant.WaitForJobAsync(jobId, j => j.GetProperty("statusBreakdown").TryGetProperty("dialing", out _));

        Assert.Equal(new Dictionary<string, int> { ["dialing"] = 1, ["pending"] = 1 }, job.GetProperty("statusBreakdown").Deserialize<Dictionary<string, int>>());
        Assert.Equal(JsonValueKind.String, job.GetProperty("estimatedCompletionTime").ValueKind);
        foreach (var query in new[] { "?contactStatus=dialing", "?contactStatus=in_progress" })
        {
            var dialing = await (await tenant.Http.GetAsync($"/batch/jobs/{jobId}{query}")).JsonAsync(HttpStatusCode.OK);
            Assert.Equal(("contact_000000", "dialing", 1), (dialing.GetProperty("contacts")[0].GetProperty("id").GetString(),
                dialing.GetProperty("contacts")[0].GetProperty("status").GetString(), dialing.GetProperty("contactsTotal").GetInt32()));
        }

        foreach (var query in new[] { "?status=dialing", "?status=in_progress" })
        {
            var listed = await (await tenant.Http.GetAsync($"/batch/jobs/{jobId}/contacts{query}")).JsonAsync(HttpStatusCode.OK);
            Assert.Equal(("dialing", 1), (listed.GetProperty("contacts")[0].GetProperty("status").GetString(), listed.GetProperty("total").GetInt32()));
        }

        await (await tenant.Http.PostAsync($"/batch/jobs/{jobId}/cancel", null)).JsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_contact_waiting_for_its_retry_says_when_and_why()
    {
        var tenant = await gateway.NewTenantAsync();
        var jobId = await tenant.CreateJobAsync("phone,simulatedOutcomes\n+12025550101,no_answer\n", ("retryDelaySeconds", "86400"));

        var job = await tenant.WaitForJobAsync(jobId, j => j.GetProperty("statusBreakdown").TryGetProperty("no_answer", out _));

        var contact = job.GetProperty("contacts")[0];
        Assert.Equal(("no_answer", "retry_delay", 1, 3), (contact.GetProperty("status").GetString(), contact.GetProperty("waitReason").GetString(),
            contact.GetProperty("attemptCount").GetInt32(), contact.GetProperty("maxAttempts").GetInt32()));
        Assert.Equal(JsonValueKind.Null, contact.GetProperty("failureReason").ValueKind);
        Assert.Equal(JsonValueKind.Null, contact.GetProperty("completedAt").ValueKind);
        var retryIn = contact.GetProperty("nextRetryAt").GetDateTimeOffset() - contact.GetProperty("lastAttemptAt").GetDateTimeOffset();
        Assert.InRange(retryIn, TimeSpan.FromDays(1), TimeSpan.FromDays(1) + TimeSpan.FromSeconds(5));
        await (await tenant.Http.PostAsync($"/batch/jobs/{jobId}/cancel", null)).JsonAsync(HttpStatusCode.OK);
        var cancelled = (await tenant.JobAsync(jobId)).GetProperty("contacts")[0];
        Assert.Equal(("cancelled", "job_cancelled"), (cancelled.GetProperty("status").GetString(), cancelled.GetProperty("failureReason").GetString()));
        Assert.Equal(JsonValueKind.Null, cancelled.GetProperty("waitReason").ValueKind);
    }

    [Fact]
    public async Task The_estimated_completion_counts_the_calls_still_to_make_at_the_effective_concurrency()
    {
        var tenant = await gateway.NewTenantAsync(concurrencyLimit: 2);
        var jobId = await tenant.CreateJobAsync(
            "phone,simulatedDurationMs\n+12025550101,30000\n+12025550102,30000\n+12025550103,30000\n+12025550104,30000\n+12025550105,30000\n",
            ("concurrentCallLimit", "5"));

        var before = DateTimeOffset.UtcNow;
        var job = await tenant.WaitForJobAsync(jobId, Api.StatusIs("running"));
        var after = DateTimeOffset.UtcNow;

        // Five calls to make, two at a time (the organization's ceiling is below the job's): three rounds of two minutes.
        var eta = job.GetProperty("estimatedCompletionTime").GetDateTimeOffset();
        Assert.InRange(eta, before + TimeSpan.FromMinutes(6), after + TimeSpan.FromMinutes(6));
        await (await tenant.Http.PostAsync($"/batch/jobs/{jobId}/cancel", null)).JsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task List_objects_carry_the_compat_fields_and_q_searches_names()
    {
        var tenant = await gateway.NewTenantAsync();
        foreach (var name in new[] { "Spring sale", "Autumn", "spring follow-up" })
        {
            await tenant.CreateJobAsync(Api.Csv("+12025550101"), ("autoStart", "false"), ("name", name), ("concurrentCallLimit", "4"),
                ("retryPolicy", """{"maxAttempts":2,"retryableStatuses":["voicemail","busy"]}"""), ("metadata", """{"source":"crm"}"""));
        }

        var list = await (await tenant.Http.GetAsync("/batch/jobs")).JsonAsync(HttpStatusCode.OK);
        var spring = await (await tenant.Http.GetAsync("/batch/jobs?q=SPRING")).JsonAsync(HttpStatusCode.OK);
        var none = await (await tenant.Http.GetAsync("/batch/jobs?q=winter&status=pending")).JsonAsync(HttpStatusCode.OK);

        var job = list.GetProperty("batchJobs")[0];
        Assert.Equal((tenant.OrganizationId, "agent_1", "pn_1", 4), (job.GetProperty("organizationId").GetString(), job.GetProperty("agentId").GetString(),
            job.GetProperty("fromPhoneNumberId").GetString(), job.GetProperty("concurrentCallLimit").GetInt32()));
        Assert.Equal("""{"maxAttempts":2,"retryableStatuses":["busy","voicemail"]}""", job.GetProperty("retryPolicy").GetRawText());
        Assert.Equal("""{"source":"crm"}""", job.GetProperty("metadata").GetRawText());
        Assert.Equal(("spring follow-up,Spring sale", 2), (Names(spring), spring.GetProperty("total").GetInt32()));
        Assert.Equal(0, none.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Starting_a_scheduled_job_early_answers_the_compat_message()
    {
        var tenant = await gateway.NewTenantAsync();
        var scheduled = await tenant.CreateJobAsync(Api.Csv("+12025550101"), ("scheduledStartTime", $"{NextYear}-01-01T00:00:00Z"));
        var pending = await tenant.CreateJobAsync(Api.Csv("+12025550102"), ("autoStart", "false"));

        var early = await (await tenant.Http.PostAsync($"/batch/jobs/{scheduled}/start", null)).JsonAsync(HttpStatusCode.OK);
        var now = await (await tenant.Http.PostAsync($"/batch/jobs/{pending}/start", null)).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(("Cancelled scheduled job, starting immediately", true, "running"), (early.GetProperty("message").GetString(),
            early.GetProperty("redisJobCancelled").GetBoolean(), early.GetProperty("status").GetString()));
        Assert.Equal(("Batch job started", false), (now.GetProperty("message").GetString(), now.GetProperty("redisJobCancelled").GetBoolean()));
    }

    [Fact]
    public async Task The_retry_policy_decides_which_outcomes_are_tried_again()
    {
        var tenant = await gateway.NewTenantAsync();
        const string csv = "phone,simulatedOutcomes\n+12025550101,\"busy,completed\"\n+12025550102,\"voicemail,completed\"\n";
        var policy = await tenant.CreateJobAsync(csv, ("retryDelaySeconds", "0"),
            ("retryPolicy", """{"maxAttempts":3,"retryableStatuses":["no_answer","voicemail"]}"""));
        var older = await tenant.CreateJobAsync(csv, ("retryDelaySeconds", "0"), ("maxAttempts", "2"), ("retryOnVoicemail", "true"));

        foreach (var (jobId, busy, voicemail) in new[] { (policy, "busy:1", "completed:2"), (older, "completed:2", "completed:2") })
        {
            await tenant.WaitForJobAsync(jobId, Api.StatusIs("completed"));
            var contacts = (await tenant.JobAsync(jobId)).GetProperty("contacts");
            Assert.Equal((busy, voicemail), (Took(contacts[0]), Took(contacts[1])));
        }

        static string Took(JsonElement contact) => $"{contact.GetProperty("status").GetString()}:{contact.GetProperty("attemptCount").GetInt32()}";
    }

    [Theory]
    [InlineData("""{"maxAttempts":3,"retryableStatuses":["completed"]}""", null)]
    [InlineData("""{"maxAttempts":11}""", null)]
    [InlineData("""{"maxAttempts":"3"}""", null)]
    [InlineData("""{"attempts":3}""", null)]
    [InlineData("""[3]""", null)]
    [InlineData("""{"maxAttempts":2}""", "3")]
    public async Task A_bad_or_contradicting_retry_policy_is_a_validation_error(string retryPolicy, string? maxAttempts)
    {
        var tenant = await gateway.NewTenantAsync();
        (string, string)[] fields = maxAttempts is null ? [("retryPolicy", retryPolicy)] : [("retryPolicy", retryPolicy), ("maxAttempts", maxAttempts)];

        var problem = await (await tenant.Http.PostCsvAsync(Api.Csv("+12025550101"), fields)).ProblemAsync(HttpStatusCode.BadRequest, "validation_error");

        Assert.True(problem.GetProperty("errors").TryGetProperty("retryPolicy", out _), problem.ToString());
    }

    [Fact]
    public async Task Metadata_must_be_a_small_json_object()
    {
        var tenant = await gateway.NewTenantAsync();
        var big = JsonSerializer.Serialize(new { note = new string('x', 4100) });

        foreach (var body in new[]
        {
            $$"""{ "fromPhoneNumberId": "pn_1", "name": "m", "metadata": {{big}}, "contacts": [ { "phone": "+12025550101" } ] }""",
            """{ "fromPhoneNumberId": "pn_1", "name": "m", "metadata": [1], "contacts": [ { "phone": "+12025550101" } ] }""",
            """{ "fromPhoneNumberId": "pn_1", "name": "m", "metadata": "{}", "contacts": [ { "phone": "+12025550101" } ] }""",
        })
        {
            var problem = await (await tenant.Http.PostJsonAsync(body)).ProblemAsync(HttpStatusCode.BadRequest, "validation_error");
            Assert.True(problem.GetProperty("errors").TryGetProperty("metadata", out _), problem.ToString());
        }

        await (await tenant.Http.PostCsvAsync(Api.Csv("+12025550101"), ("metadata", "not json"))).ProblemAsync(HttpStatusCode.BadRequest, "validation_error");
    }

    [Fact]
    public async Task A_dry_run_validates_everything_and_creates_nothing()
    {
        var tenant = await gateway.NewTenantAsync(credits: 0.08m);

        var response = await tenant.Http.PostCsvAsync(Api.SampleCsv("contacts-mixed.csv"), ("dryRun", "true"), ("scheduledStartTime", $"{NextYear}-01-01T00:00:00Z"));

        var body = await response.JsonAsync(HttpStatusCode.OK);
        Assert.Null(response.Headers.Location);
        Assert.False(body.TryGetProperty("batchJobId", out _));
        Assert.Equal((true, true, 2, 5, "$0.07", "scheduled", $"{NextYear}-01-01T00:00:00Z"),
            (body.GetProperty("success").GetBoolean(), body.GetProperty("dryRun").GetBoolean(), body.GetProperty("totalContacts").GetInt32(),
             body.GetProperty("skippedCount").GetInt32(), body.GetProperty("estimatedCost").GetString(), body.GetProperty("status").GetString(),
             body.GetProperty("scheduledStartTime").GetString()));
        Assert.Equal(5, body.GetProperty("skippedContacts").GetArrayLength());
        await (await tenant.Http.PostCsvAsync(Api.Csv("+12025550101", "+12025550102", "+12025550103"), ("dryRun", "true"))).ProblemAsync(HttpStatusCode.BadRequest, "insufficient_credits");
        await (await tenant.Http.PostCsvAsync(Api.Csv("+12025550101"), ("dryRun", "true"), ("fromPhoneNumberId", "pn_nope")))
            .ProblemAsync(HttpStatusCode.NotFound, "phone_number_not_found");
        Assert.Equal(0, (await (await tenant.Http.GetAsync("/batch/jobs")).JsonAsync(HttpStatusCode.OK)).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Reschedule_keeps_the_jobs_timezone_in_step()
    {
        var tenant = await gateway.NewTenantAsync();
        var jobId = await tenant.CreateJobAsync(Api.Csv("+12025550101"), ("scheduledStartTime", $"{NextYear}-03-01T10:00:00"), ("timezone", "America/New_York"));

        await (await tenant.Http.PatchAsync($"/batch/jobs/{jobId}/reschedule?scheduledStartTime={NextYear}-03-02T09:00:00&timezone=Europe/London", null))
            .JsonAsync(HttpStatusCode.OK);
        var london = await tenant.JobAsync(jobId);
        var utc = await (await tenant.Http.PatchAsync($"/batch/jobs/{jobId}/reschedule?scheduledStartTime={NextYear}-03-03T09:00:00", null))
            .JsonAsync(HttpStatusCode.OK);
        var kept = await tenant.JobAsync(jobId);

        Assert.Equal(("Europe/London", $"{NextYear}-03-02T09:00:00Z"), (london.GetProperty("timezone").GetString(), london.GetProperty("scheduledStartTime").GetString()));
        Assert.Equal($"{NextYear}-03-03T09:00:00Z", utc.GetProperty("scheduledStartTime").GetString());
        Assert.Equal("Europe/London", kept.GetProperty("timezone").GetString());
    }
}

[Collection(EmbeddedTests.Name)]
public sealed class CompatTestsOnEmbedded(EmbeddedGateway gateway) : CompatTests(gateway);

[Collection(ProductionTests.Name)]
public sealed class CompatTestsOnProduction(ProductionGateway gateway) : CompatTests(gateway);
