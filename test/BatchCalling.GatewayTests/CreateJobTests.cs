using System.Net;
using System.Text;

namespace BatchCalling.GatewayTests;

public abstract class CreateJobTests(IGatewayUnderTest gateway)
{
    [Fact]
    public async Task A_csv_upload_creates_a_job_that_starts_at_once()
    {
        var tenant = await gateway.NewTenantAsync();

        var response = await tenant.Http.PostCsvAsync(Api.SampleCsv("contacts-small.csv"), ("concurrentCallLimit", "2"));

        var body = await response.JsonAsync(HttpStatusCode.Created);
        var jobId = body.GetProperty("batchJobId").GetString()!;
        Assert.Equal($"/batch/jobs/{jobId}", response.Headers.Location?.OriginalString);
        Assert.True(body.GetProperty("success").GetBoolean());
        Assert.Equal(10, body.GetProperty("totalContacts").GetInt32());
        Assert.Equal("$0.35", body.GetProperty("estimatedCost").GetString());
        Assert.Equal("~10 minutes", body.GetProperty("estimatedDuration").GetString());
        Assert.Equal("pending", body.GetProperty("status").GetString());
        Assert.Equal("Batch job created and started", body.GetProperty("message").GetString());
        Assert.Equal(0, body.GetProperty("skippedCount").GetInt32());
        await tenant.WaitForJobAsync(jobId, job => job.GetProperty("actualStartTime").GetString() is not null);
    }

    [Fact]
    public async Task The_mixed_sample_lists_its_skipped_rows()
    {
        var tenant = await gateway.NewTenantAsync();

        var body = await (await tenant.Http.PostCsvAsync(Api.SampleCsv("contacts-mixed.csv"), ("autoStart", "false"))).JsonAsync(HttpStatusCode.Created);

        Assert.Equal(2, body.GetProperty("totalContacts").GetInt32());
        Assert.Equal(5, body.GetProperty("skippedCount").GetInt32());
        Assert.Equal(
            "2:12025550102:invalid_phone_format 3:+1 202-555-0103:invalid_phone_format 4:+12025550101:duplicate_phone 6::missing_phone 7:+97141234567:invalid_phone_number",
            string.Join(' ', body.GetProperty("skippedContacts").EnumerateArray().Select(s =>
                $"{s.GetProperty("row")}:{s.GetProperty("phone").GetString()}:{s.GetProperty("reason").GetString()}")));
        Assert.Equal("Batch job created", body.GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_json_create_keeps_custom_fields_as_they_were_sent()
    {
        var tenant = await gateway.NewTenantAsync(architecture: "realtime");

        var created = await (await tenant.Http.PostJsonAsync("""
            { "fromPhoneNumberId": "pn_1", "name": "Json", "concurrentCallLimit": 3, "autoStart": false,
              "contacts": [ { "phone": "+12025550101", "name": "Ada", "plan": { "tier": 2 }, "tags": ["x"] } ] }
            """)).JsonAsync(HttpStatusCode.Created);
        var jobId = created.GetProperty("batchJobId").GetString()!;
        Assert.Equal("$0.07", created.GetProperty("estimatedCost").GetString());

        var contacts = await (await tenant.Http.GetAsync($"/batch/jobs/{jobId}/contacts")).JsonAsync(HttpStatusCode.OK);
        var contact = contacts.GetProperty("contacts")[0];
        Assert.Equal("""{"plan":{"tier":2},"tags":["x"]}""", contact.GetProperty("customFields").GetRawText());
        Assert.Equal(("Ada", "pending", 0), (contact.GetProperty("name").GetString(), contact.GetProperty("status").GetString(), contact.GetProperty("attempts").GetInt32()));
    }

    [Fact]
    public async Task A_scheduled_create_converts_the_wall_clock_time_of_its_zone()
    {
        var tenant = await gateway.NewTenantAsync();
        var year = DateTime.UtcNow.Year + 1;

        var body = await (await tenant.Http.PostCsvAsync(Api.Csv("+12025550101"),
            ("scheduledStartTime", $"{year}-03-01T10:00:00"), ("timezone", "America/New_York"))).JsonAsync(HttpStatusCode.Created);

        Assert.Equal(("scheduled", $"{year}-03-01T15:00:00Z", "Batch job created and scheduled"),
            (body.GetProperty("status").GetString(), body.GetProperty("scheduledStartTime").GetString(), body.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task Missing_or_unknown_api_keys_are_unauthorized()
    {
        await (await gateway.ClientWith(null).PostCsvAsync(Api.Csv("+12025550101"))).ProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        await (await gateway.ClientWith("bk_nope").GetAsync("/batch/jobs")).ProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    public static TheoryData<string, string> CsvErrors => new()
    {
        { "name,number\nAda,+12025550101\n", "missing_phone_column" },
        { "phone\n12025550101\nnope\n", "no_valid_contacts" },
        { "phone\n\"+12025550101\n", "invalid_csv" },
        { "", "invalid_csv" },
    };

    [Theory]
    [MemberData(nameof(CsvErrors))]
    public async Task Unusable_csv_files_are_refused(string csv, string code)
    {
        var tenant = await gateway.NewTenantAsync();

        await (await tenant.Http.PostCsvAsync(csv)).ProblemAsync(HttpStatusCode.BadRequest, code);
    }

    [Fact]
    public async Task No_valid_contacts_lists_the_rows()
    {
        var tenant = await gateway.NewTenantAsync();

        var problem = await (await tenant.Http.PostCsvAsync("phone\n12025550101\n")).ProblemAsync(HttpStatusCode.BadRequest, "no_valid_contacts");

        Assert.Equal("invalid_phone_format", problem.GetProperty("rows")[0].GetProperty("reason").GetString());
    }

    [Fact]
    public async Task A_form_without_a_file_is_invalid_csv()
    {
        var tenant = await gateway.NewTenantAsync();
        var form = new MultipartFormDataContent { { new StringContent("pn_1"), "fromPhoneNumberId" }, { new StringContent("x"), "name" } };

        await (await tenant.Http.PostAsync("/batch/jobs", form)).ProblemAsync(HttpStatusCode.BadRequest, "invalid_csv");
    }

    [Fact]
    public async Task More_than_ten_thousand_rows_is_too_many_contacts()
    {
        var tenant = await gateway.NewTenantAsync();
        var csv = new StringBuilder(Api.SampleCsv("contacts-10k.csv")).Append("+12025550101,extra\n");

        await (await tenant.Http.PostCsvAsync(csv.ToString())).ProblemAsync(HttpStatusCode.BadRequest, "too_many_contacts");
    }

    [Fact]
    public async Task Reject_invalid_fails_the_whole_upload_on_one_bad_row()
    {
        var tenant = await gateway.NewTenantAsync();

        var problem = await (await tenant.Http.PostCsvAsync(Api.Csv("+12025550101", "+1 202 555 0102"), ("rejectInvalid", "true")))
            .ProblemAsync(HttpStatusCode.BadRequest, "invalid_phone_format");

        Assert.Equal(2, problem.GetProperty("rows")[0].GetProperty("row").GetInt32());
    }

    public static TheoryData<string, string, string> FieldErrors => new()
    {
        { "concurrentCallLimit", "51", "validation_error" },
        { "maxAttempts", "0", "validation_error" },
        { "retryDelaySeconds", "x", "validation_error" },
        { "name", "", "validation_error" },
        { "timezone", "Invalid/Timezone", "invalid_timezone" },
        { "scheduledStartTime", "2025-03-01 10:00", "invalid_datetime" },
        { "scheduledStartTime", "2020-03-01T10:00:00Z", "past_scheduled_time" },
    };

    [Theory]
    [MemberData(nameof(FieldErrors))]
    public async Task Field_rules_are_enforced(string field, string value, string code)
    {
        var tenant = await gateway.NewTenantAsync();

        var problem = await (await tenant.Http.PostCsvAsync(Api.Csv("+12025550101"), (field, value))).ProblemAsync(HttpStatusCode.BadRequest, code);

        if (code == "validation_error")
        {
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
        }
    }

    [Fact]
    public async Task Json_fields_of_the_wrong_type_are_validation_errors()
    {
        var tenant = await gateway.NewTenantAsync();

        var problem = await (await tenant.Http.PostJsonAsync("""{ "fromPhoneNumberId": 7, "name": "x", "maxAttempts": "many", "contacts": [] }"""))
            .ProblemAsync(HttpStatusCode.BadRequest, "validation_error");

        Assert.Equal(["fromPhoneNumberId", "maxAttempts"], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order());
    }

    [Theory]
    [InlineData("{ \"name\": ")]
    [InlineData("[1, 2]")]
    [InlineData("{ \"name\": \"x\", \"fromPhoneNumberId\": \"pn_1\", \"contacts\": \"+12025550101\" }")]
    public async Task Malformed_json_bodies_are_validation_errors(string json)
    {
        var tenant = await gateway.NewTenantAsync();

        await (await tenant.Http.PostJsonAsync(json)).ProblemAsync(HttpStatusCode.BadRequest, "validation_error");
    }

    [Fact]
    public async Task Other_content_types_are_unsupported()
    {
        var tenant = await gateway.NewTenantAsync();

        await (await tenant.Http.PostAsync("/batch/jobs", new StringContent("phone\n+12025550101", Encoding.UTF8, "text/csv")))
            .ProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
    }

    [Fact]
    public async Task An_unknown_caller_number_is_not_found()
    {
        var tenant = await gateway.NewTenantAsync();

        await (await tenant.Http.PostCsvAsync(Api.Csv("+12025550101"), ("fromPhoneNumberId", "pn_missing")))
            .ProblemAsync(HttpStatusCode.NotFound, "phone_number_not_found");
    }

    [Fact]
    public async Task A_caller_number_without_an_agent_cannot_dial()
    {
        var tenant = await gateway.NewTenantAsync(agentId: null);

        await (await tenant.Http.PostCsvAsync(Api.Csv("+12025550101"))).ProblemAsync(HttpStatusCode.BadRequest, "no_outbound_agent");
    }

    [Fact]
    public async Task An_estimate_above_the_balance_is_insufficient_credits()
    {
        var tenant = await gateway.NewTenantAsync(credits: 0.05m);

        await (await tenant.Http.PostCsvAsync(Api.Csv("+12025550101", "+12025550102"))).ProblemAsync(HttpStatusCode.BadRequest, "insufficient_credits");
    }

    [Fact]
    public async Task A_body_over_twenty_megabytes_is_payload_too_large()
    {
        var tenant = await gateway.NewTenantAsync();
        var file = new byte[21 * 1024 * 1024];
        Array.Fill(file, (byte)'a');
        // As curl does for large bodies: wait for the server's go-ahead, so its early answer is read, not a broken pipe.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/batch/jobs")
        {
            Content = new MultipartFormDataContent { { new ByteArrayContent(file), "file", "big.csv" } },
        };
        request.Headers.ExpectContinue = true;

        await (await tenant.Http.SendAsync(request)).ProblemAsync(HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
    }

    [Fact]
    public async Task Odd_encodings_and_binary_files_never_fail_the_server()
    {
        var tenant = await gateway.NewTenantAsync();

        var latin1 = await tenant.Http.PostCsvAsync(Encoding.Latin1.GetBytes("phone,name\n+12025550101,Zoë\n"));
        var binary = await tenant.Http.PostCsvAsync([0x89, 0x50, 0x4E, 0x47, 0x00, 0x0D, 0x0A, 0x1A, 0xFF]);

        await latin1.JsonAsync(HttpStatusCode.Created);
        await binary.ProblemAsync(HttpStatusCode.BadRequest, "invalid_csv");
    }
}

[Collection(EmbeddedTests.Name)]
public sealed class CreateJobTestsOnEmbedded(EmbeddedGateway gateway) : CreateJobTests(gateway);

[Collection(ProductionTests.Name)]
public sealed class CreateJobTestsOnProduction(ProductionGateway gateway) : CreateJobTests(gateway);
