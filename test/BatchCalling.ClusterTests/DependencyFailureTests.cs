using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

using BatchCalling.Testing;

namespace BatchCalling.ClusterTests;

/// <summary>PostgreSQL, Redis and the gateway go away during a running job, and come back.</summary>
[Collection(ProcessClusterTests.Name)]
public sealed class DependencyFailureTests(FaultCluster cluster)
{
    [Theory]
    [InlineData("postgres")]
    [InlineData("redis")]
    public async Task A_job_survives_a_server_restart_and_the_api_answers_503_meanwhile(string server)
    {
        var (organizationId, http) = await cluster.NewTenantAsync(concurrencyLimit: 10);
        var jobId = await http.CreateJobAsync(Api.Contacts(300, seed: server.Length), ("concurrentCallLimit", "10"), ("retryDelaySeconds", "0"));
        await http.WaitForJobAsync(jobId, Api.Processed(50), TimeSpan.FromMinutes(1));

        LocalServices.Run("stop", server);
        try
        {
            // A create needs the server that is down (grain state, or the reminder of a scheduled start).
            var problem = await WaitForUnavailableAsync(http);
            Assert.Equal("service_unavailable", problem.GetProperty("code").GetString());
            Assert.EndsWith("retry shortly.", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            LocalServices.Run("up");
        }

        var job = await http.WaitForJobAsync(jobId, Api.StatusIs("completed"), TimeSpan.FromMinutes(3));
        Assert.Equal(300, job.GetProperty("contactsProcessed").GetInt32());
        // The platform keeps its call log in the same server: an event delivered while it restarted is recorded delivered only
        // when the platform posts it again (its claim lapses), after the job has completed.
        await Wait.UntilAsync(async () => (await CallLog.CountsAsync(jobId)).Unreported == 0, TimeSpan.FromMinutes(1),
            () => "the platform never recorded every event of the job delivered");
        var (calls, placedTwice, _) = await CallLog.CountsAsync(jobId);
        Assert.Equal(0, placedTwice);
        Assert.True(calls >= 300);
        Assert.InRange(await CallLog.PeakAsync("organization_id", organizationId), 1, 10);
    }

    [Fact]
    public async Task Restarting_the_gateway_affects_no_job()
    {
        var (_, http) = await cluster.NewTenantAsync(concurrencyLimit: 10);
        var jobId = await http.CreateJobAsync(Api.Contacts(300, seed: 7), ("concurrentCallLimit", "10"), ("retryDelaySeconds", "0"));
        await http.WaitForJobAsync(jobId, Api.Processed(50), TimeSpan.FromMinutes(1));

        cluster.KillGateway();
        cluster.StartGateway();
        await cluster.WaitUntilReadyAsync();

        var job = await http.WaitForJobAsync(jobId, Api.StatusIs("completed"), TimeSpan.FromMinutes(2));
        Assert.Equal(300, job.GetProperty("contactsProcessed").GetInt32());
        Assert.Equal(0, (await CallLog.CountsAsync(jobId)).PlacedTwice);
    }

    private static async Task<JsonElement> WaitForUnavailableAsync(HttpClient http)
    {
        JsonElement problem = default;
        var future = DateTimeOffset.UtcNow.AddHours(1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        await Wait.UntilAsync(async () =>
        {
            var form = new MultipartFormDataContent
            {
                { new StringContent("phone\n+13125550199\n"), "file", "c.csv" }, { new StringContent("pn_1"), "fromPhoneNumberId" },
                { new StringContent("During the outage"), "name" }, { new StringContent(future), "scheduledStartTime" },
            };
            var response = await http.PostAsync("/batch/jobs", form);
            Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable)
            {
                return false;
            }

            problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            return true;
        }, TimeSpan.FromSeconds(60), () => "the API never answered 503 while a server was down");
        return problem;
    }
}
