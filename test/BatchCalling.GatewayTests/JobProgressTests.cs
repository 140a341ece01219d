using System.Net;
using System.Text.Json;

namespace BatchCalling.GatewayTests;

/// <summary><c>GET /batch/jobs/{id}/progress</c>: a job's progress over time from its start to its end.</summary>
public abstract class JobProgressTests(IGatewayUnderTest gateway)
{
    [Fact]
    public async Task A_finished_job_shows_its_progress_from_its_start_to_its_completion()
    {
        var tenant = await gateway.NewTenantAsync();
        // One attempt each: the simulators answer some numbers no_answer, which would otherwise wait for a retry.
        var jobId = await tenant.CreateJobAsync(Api.Csv("+12025550101", "+12025550102", "+12025550103"), ("maxAttempts", "1"));
        var job = await tenant.WaitForJobAsync(jobId, Api.StatusIs("completed"));

        var body = await (await tenant.Http.GetAsync($"/batch/jobs/{jobId}/progress?points=5")).JsonAsync(HttpStatusCode.OK);

        var points = body.GetProperty("points").EnumerateArray().ToArray();
        Assert.Equal(jobId, body.GetProperty("batchJobId").GetString());
        Assert.Equal(5, points.Length);
        Assert.Equal(job.GetProperty("actualStartTime").GetDateTimeOffset(), points[0].GetProperty("at").GetDateTimeOffset());
        Assert.Equal(job.GetProperty("completedAt").GetDateTimeOffset(), points[^1].GetProperty("at").GetDateTimeOffset());
        var processed = points.Select(p => p.GetProperty("contactsProcessed").GetInt32()).ToArray();
        Assert.Equal(processed.Order(), processed);
        Assert.Equal((3, job.GetProperty("successfulCalls").GetInt32()), (processed[^1], points[^1].GetProperty("successfulCalls").GetInt32()));
    }

    [Fact]
    public async Task A_job_not_started_has_no_points_and_points_and_tenancy_are_checked()
    {
        var tenant = await gateway.NewTenantAsync();
        var other = await gateway.NewTenantAsync();
        var jobId = await tenant.CreateJobAsync(Api.Csv("+12025550101"), ("autoStart", "false"));

        var body = await (await tenant.Http.GetAsync($"/batch/jobs/{jobId}/progress")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(JsonValueKind.Array, body.GetProperty("points").ValueKind);
        Assert.Equal(0, body.GetProperty("points").GetArrayLength());
        foreach (var points in new[] { "1", "501", "ten", "-3" })
        {
            await (await tenant.Http.GetAsync($"/batch/jobs/{jobId}/progress?points={points}")).ProblemAsync(HttpStatusCode.BadRequest, "invalid_points");
        }

        await (await other.Http.GetAsync($"/batch/jobs/{jobId}/progress")).ProblemAsync(HttpStatusCode.NotFound, "job_not_found");
    }
}

[Collection(EmbeddedTests.Name)]
public sealed class JobProgressTestsOnEmbedded(EmbeddedGateway gateway) : JobProgressTests(gateway);

[Collection(ProductionTests.Name)]
public sealed class JobProgressTestsOnProduction(ProductionGateway gateway) : JobProgressTests(gateway);
