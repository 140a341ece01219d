using System.Net;
using System.Text.Json;

namespace BatchCalling.GatewayTests;

/// <summary><c>callingWindow</c> on create (JSON and multipart), a contact's own <c>timezone</c>, and what the job shows of both.</summary>
public abstract class CallingWindowApiTests(IGatewayUnderTest gateway)
{
    [Fact]
    public async Task A_contact_outside_its_window_waits_for_its_opening_and_an_unknown_zone_skips_its_row()
    {
        var tenant = await gateway.NewTenantAsync();
        // A minute's window two hours from now in UTC: closed now, whatever the time.
        var opens = DateTime.UtcNow.AddHours(2);
        var start = $"{opens:HH:mm}";
        var end = $"{opens.AddMinutes(1):HH:mm}";

        var created = await (await tenant.Http.PostJsonAsync($$"""
            { "fromPhoneNumberId": "pn_1", "name": "Window", "callingWindow": { "start": "{{start}}", "end": "{{end}}" },
              "contacts": [ { "phone": "+12025550101", "timezone": "UTC" }, { "phone": "+12025550102", "timezone": "Mars/Olympus" } ] }
            """)).JsonAsync(HttpStatusCode.Created);
        var jobId = created.GetProperty("batchJobId").GetString()!;

        Assert.Equal((1, "1:+12025550102:invalid_timezone"), (created.GetProperty("totalContacts").GetInt32(), Skips(created)));
        var job = await tenant.WaitForJobAsync(jobId, j => j.GetProperty("contacts")[0].GetProperty("waitReason").GetString() == "calling_window");
        var opening = new DateTimeOffset(opens.Year, opens.Month, opens.Day, opens.Hour, opens.Minute, 0, TimeSpan.Zero);
        Assert.Equal(("running", opening), (job.GetProperty("status").GetString(), job.GetProperty("contacts")[0].GetProperty("nextRetryAt").GetDateTimeOffset()));
        Assert.Equal($$"""{"start":"{{start}}","end":"{{end}}","days":["mon","tue","wed","thu","fri","sat","sun"],"preset":null}""",
            job.GetProperty("callingWindow").GetRawText());
        var contacts = await (await tenant.Http.GetAsync($"/batch/jobs/{jobId}/contacts")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(opening, contacts.GetProperty("contacts")[0].GetProperty("nextAttemptAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task A_multipart_create_takes_the_window_as_json_text_and_the_timezone_column()
    {
        var tenant = await gateway.NewTenantAsync();

        var created = await (await tenant.Http.PostCsvAsync("phone,Timezone\n+12025550101,Asia/Karachi\n+12025550102,EST5EDT-ish\n",
            ("autoStart", "false"), ("callingWindow", """{"start":"22:00","end":"06:00","days":["fri"]}"""))).JsonAsync(HttpStatusCode.Created);

        Assert.Equal("2:+12025550102:invalid_timezone", Skips(created));
        var job = await tenant.JobAsync(created.GetProperty("batchJobId").GetString()!);
        Assert.Equal("""{"start":"22:00","end":"06:00","days":["fri"],"preset":null}""", job.GetProperty("callingWindow").GetRawText());
    }

    [Fact]
    public async Task The_tcpa_preset_is_eight_to_nine_every_day_and_a_job_without_a_window_has_none()
    {
        var tenant = await gateway.NewTenantAsync();

        var tcpa = await tenant.CreateJobAsync(Api.Csv("+12025550101"), ("autoStart", "false"), ("callingWindow", """{"preset":"tcpa"}"""));
        var anyTime = await tenant.CreateJobAsync(Api.Csv("+12025550101"), ("autoStart", "false"));

        Assert.Equal("""{"start":"08:00","end":"21:00","days":["mon","tue","wed","thu","fri","sat","sun"],"preset":"tcpa"}""",
            (await tenant.JobAsync(tcpa)).GetProperty("callingWindow").GetRawText());
        Assert.Equal(JsonValueKind.Null, (await tenant.JobAsync(anyTime)).GetProperty("callingWindow").ValueKind);
    }

    [Theory]
    [InlineData("\"tcpa\"")]
    [InlineData("""{"preset":"night"}""")]
    [InlineData("""{"preset":"tcpa","start":"09:00"}""")]
    [InlineData("""{"start":"9:00","end":"20:00"}""")]
    [InlineData("""{"start":"09:00","end":"24:00"}""")]
    [InlineData("""{"start":"09:00"}""")]
    [InlineData("""{"start":"09:00","end":"09:00"}""")]
    [InlineData("""{"start":"09:00","end":"20:00","days":[]}""")]
    [InlineData("""{"start":"09:00","end":"20:00","days":["monday"]}""")]
    [InlineData("""{"start":"09:00","end":"20:00","hours":1}""")]
    public async Task A_bad_window_is_a_validation_error_of_its_field(string window)
    {
        var tenant = await gateway.NewTenantAsync();

        var problem = await (await tenant.Http.PostJsonAsync($$"""
            { "fromPhoneNumberId": "pn_1", "name": "Bad", "callingWindow": {{window}}, "contacts": [ { "phone": "+12025550101" } ] }
            """)).ProblemAsync(HttpStatusCode.BadRequest, "validation_error");

        Assert.Equal(["callingWindow"], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task A_form_window_that_is_not_json_is_a_validation_error()
    {
        var tenant = await gateway.NewTenantAsync();

        var problem = await (await tenant.Http.PostCsvAsync(Api.Csv("+12025550101"), ("callingWindow", "9 to 5")))
            .ProblemAsync(HttpStatusCode.BadRequest, "validation_error");

        Assert.True(problem.GetProperty("errors").TryGetProperty("callingWindow", out _));
    }

    private static string Skips(JsonElement created) => string.Join(' ', created.GetProperty("skippedContacts").EnumerateArray().Select(s =>
        $"{s.GetProperty("row")}:{s.GetProperty("phone").GetString()}:{s.GetProperty("reason").GetString()}"));
}

[Collection(EmbeddedTests.Name)]
public sealed class CallingWindowApiTestsOnEmbedded(EmbeddedGateway gateway) : CallingWindowApiTests(gateway);

[Collection(ProductionTests.Name)]
public sealed class CallingWindowApiTestsOnProduction(ProductionGateway gateway) : CallingWindowApiTests(gateway);
