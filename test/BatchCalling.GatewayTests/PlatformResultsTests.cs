using System.Net;
using System.Text.Json;
using BatchCalling.Testing;

namespace BatchCalling.GatewayTests;

/// <summary>
/// What a platform says of its calls reaches the API: the production profile dials the simulated platform over the webhook
/// protocol, whose final events carry a SIP code, a room and results.
/// </summary>
[Collection(ProductionTests.Name)]
public sealed class PlatformResultsTests(ProductionGateway gateway)
{
    [Fact]
    public async Task The_platforms_code_room_and_results_fill_the_detail_and_every_call_of_the_listing()
    {
        var tenant = await gateway.NewTenantAsync();
        var created = await (await tenant.Http.PostJsonAsync("""
            { "fromPhoneNumberId": "pn_1", "name": "Results", "maxAttempts": 1, "contacts": [
              { "phone": "+12025550101", "simulatedOutcomes": "completed" },
              { "phone": "+12025550102", "simulatedOutcomes": "busy" },
              { "phone": "+12025550103", "simulatedOutcomes": "invalid_number" } ] }
            """)).JsonAsync(HttpStatusCode.Created);
        var jobId = created.GetProperty("batchJobId").GetString()!;

        var detail = await tenant.WaitForJobAsync(jobId, Api.StatusIs("completed"));
        var listing = await (await tenant.Http.GetAsync($"/batch/jobs/{jobId}/contacts")).JsonAsync(HttpStatusCode.OK);

        var contacts = detail.GetProperty("contacts").EnumerateArray().ToList();
        var (completed, busy, invalid) = (contacts[0], contacts[1], contacts[2]);
        Assert.Equal(("completed", "room_call_" + jobId + "_0_1"), (completed.GetProperty("status").GetString(), completed.GetProperty("roomName").GetString()));
        Assert.False(string.IsNullOrEmpty(completed.GetProperty("summary").GetString()));
        Assert.False(string.IsNullOrEmpty(completed.GetProperty("recordingUrl").GetString()));
        Assert.Equal(("busy", "486"), (busy.GetProperty("status").GetString(), busy.GetProperty("errorCode").GetString()));
        Assert.Equal(("invalid_number", "404"), (invalid.GetProperty("status").GetString(), invalid.GetProperty("errorCode").GetString()));
        Assert.Equal(JsonValueKind.Null, busy.GetProperty("summary").ValueKind);

        var call = listing.GetProperty("contacts")[0].GetProperty("calls").EnumerateArray().Single();
        Assert.Equal(("completed", "room_call_" + jobId + "_0_1"), (call.GetProperty("outcome").GetString(), call.GetProperty("roomName").GetString()));
        Assert.Equal(JsonValueKind.Object, call.GetProperty("analysis").ValueKind);
        Assert.False(string.IsNullOrEmpty(call.GetProperty("transcript").GetString()));
        Assert.Equal("486", listing.GetProperty("contacts")[1].GetProperty("calls")[0].GetProperty("errorCode").GetString());
    }

    [Theory]
    [InlineData(""" "maxCallDurationSeconds": 90, """, 90)]
    [InlineData("", 1800)]
    public async Task Each_dial_tells_the_platform_its_jobs_maximum_call_duration(string field, int seconds)
    {
        var tenant = await gateway.NewTenantAsync();
        var created = await (await tenant.Http.PostJsonAsync($$"""
            { "fromPhoneNumberId": "pn_1", "name": "Limit", {{field}} "maxAttempts": 1,
              "contacts": [ { "phone": "+12025550101" }, { "phone": "+12025550102" } ] }
            """)).JsonAsync(HttpStatusCode.Created);
        var jobId = created.GetProperty("batchJobId").GetString()!;

        var detail = await tenant.WaitForJobAsync(jobId, Api.StatusIs("completed"));

        Assert.Equal(seconds, detail.GetProperty("maxCallDurationSeconds").GetInt32());
        Assert.Equal([seconds, seconds], (await CallLog.CallsAsync("job_id", jobId)).Select(c => c.MaxDurationSeconds));
    }
}
