using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using BatchCalling.Testing;

namespace BatchCalling.GatewayTests;

/// <summary>
/// The production profile dials through Twilio's Calls API: a number given a twilio dialer reaches the simulated platform's
/// Twilio subset (<c>Dialer:Twilio:BaseUrl</c>), whose signed status callbacks come back to the gateway and end the attempts.
/// </summary>
[Collection(ProductionTests.Name)]
public sealed class TwilioDialingTests(ProductionGateway gateway)
{
    [Fact]
    public async Task A_job_on_a_twilio_number_ends_with_the_outcomes_its_status_callbacks_report()
    {
        var tenant = await gateway.NewTenantAsync();
        // A caller number of this run's own: the platform's calls are found by their numbers, and its database outlives runs.
        var from = "+1202555" + Random.Shared.Next(2000, 9999).ToString(CultureInfo.InvariantCulture);
        using var admin = gateway.ClientWith(ProcessCluster.AdminToken);
        var number = await (await admin.PutAsJsonAsync($"/admin/organizations/{tenant.OrganizationId}/phone-numbers/pn_1", new
        {
            number = from,
            outboundAgentId = "agent_1",
            dialer = new
            {
                type = "twilio",
                accountSid = PlatformProcess.TwilioAccountSid,
                authToken = PlatformProcess.TwilioAuthToken,
                url = new Uri(gateway.Platform.BaseAddress, "twiml").ToString(),
                machineDetection = true,
            },
        })).JsonAsync(HttpStatusCode.OK);

        var jobId = (await (await tenant.Http.PostJsonAsync("""
            { "fromPhoneNumberId": "pn_1", "name": "Twilio", "maxAttempts": 1, "contacts": [
              { "phone": "+12025550181" }, { "phone": "+12025550182" }, { "phone": "+12025550183" },
              { "phone": "+12025550184" }, { "phone": "+12025550185" } ] }
            """)).JsonAsync(HttpStatusCode.Created)).GetProperty("batchJobId").GetString()!;
        var detail = await tenant.WaitForJobAsync(jobId, Api.StatusIs("completed"), TimeSpan.FromSeconds(60));

        var dialer = number.GetProperty("dialer");
        Assert.Equal(("twilio", true, PlatformProcess.TwilioAccountSid), (dialer.GetProperty("type").GetString(), dialer.GetProperty("hasSecret").GetBoolean(), dialer.GetProperty("accountSid").GetString()));
        Assert.DoesNotContain(PlatformProcess.TwilioAuthToken, number.GetRawText(), StringComparison.Ordinal);
        var contacts = detail.GetProperty("contacts").EnumerateArray().Select(c => (c.GetProperty("status").GetString(), Code(c))).ToList();
        Assert.Equal([("completed", null), ("no_answer", "480"), ("busy", "486"), ("voicemail", null), ("busy", "486")], contacts);
        // One call per contact on the account, none placed twice: the dial whose answer was lost (…85) was found by its numbers.
        var calls = await CallLog.CallsAsync("job_id", jobId);
        Assert.Equal(5, calls.Count);
        Assert.All(calls, call => Assert.Equal((PlatformProcess.TwilioAccountSid, 1), (call.OrganizationId, call.Placements)));
        Assert.Equal([500], (await CallLog.DialRequestsAsync($"call_{jobId}_4_1")).Select(r => r.Status));
    }

    private static string? Code(System.Text.Json.JsonElement contact) =>
        contact.TryGetProperty("errorCode", out var code) && code.ValueKind == System.Text.Json.JsonValueKind.String ? code.GetString() : null;
}
