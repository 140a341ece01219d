using System.Net;
using System.Text.Json;
using BatchCalling.Gateway.Export;

namespace BatchCalling.GatewayTests;

/// <summary>
/// <c>GET /batch/jobs/{id}/contacts.csv</c>: a finished job's contacts with their results, custom fields in first-seen order,
/// every cell a spreadsheet would run defused (the phone's <c>+</c> kept), quotes, line breaks and non-ASCII text intact.
/// </summary>
public abstract class ContactsExportTests(IGatewayUnderTest gateway)
{
    /// <summary>Three contacts whose names and fields a spreadsheet would run, break rows on, or mangle, and whose fields differ.</summary>
    private const string TrickyJob = """
        { "fromPhoneNumberId": "pn_1", "name": "Export", "maxAttempts": 1, "contacts": [
          { "phone": "+12025550101", "name": "=HYPERLINK(\"http://evil.example\",\"click\")", "simulatedOutcomes": "completed",
            "note": "said \"call me\", then\r\nhung up", "city": "Zürich 東京 🎉" },
          { "phone": "+12025550102", "name": "@Ada", "simulatedOutcomes": "busy", "score": -3, "vip": true, "tags": ["a", "b"], "city": null },
          { "phone": "+12025550103", "name": "+Bob", "simulatedOutcomes": "completed", "city": "\tTabbed", "=formula": "-1+1" } ] }
        """;

    /// <summary>The detail's fields that the export's result columns show.</summary>
    private static readonly string[] ResultFields = ["errorCode", "callDuration", "lastAttemptAt", "completedAt", "summary", "recordingUrl"];

    private static async Task<(Tenant Tenant, string JobId)> FinishedTrickyJobAsync(IGatewayUnderTest gateway)
    {
        var tenant = await gateway.NewTenantAsync();
        var jobId = (await (await tenant.Http.PostJsonAsync(TrickyJob)).JsonAsync(HttpStatusCode.Created)).GetProperty("batchJobId").GetString()!;
        await tenant.WaitForJobAsync(jobId, Api.StatusIs("completed"));
        return (tenant, jobId);
    }

    [Fact]
    public async Task A_finished_job_exports_every_contact_with_its_result_and_every_tricky_cell_intact()
    {
        var (tenant, jobId) = await FinishedTrickyJobAsync(gateway);

        var rows = await tenant.ExportAsync(jobId);

        Assert.Equal([.. ContactCsvColumns.Fixed, "simulatedOutcomes", "note", "city", "score", "vip", "tags", "'=formula"], rows[0]);
        Assert.Equal(4, rows.Count);
        string[][] uploaded =
        [
            ["0", "+12025550101", "'=HYPERLINK(\"http://evil.example\",\"click\")", "completed", "1", "completed"],
            ["1", "+12025550102", "'@Ada", "busy", "1", "busy"],
            ["2", "+12025550103", "'+Bob", "completed", "1", "completed"],
        ];
        string[][] customFields =
        [
            ["completed", "said \"call me\", then\r\nhung up", "Zürich 東京 🎉", "", "", "", ""],
            ["busy", "", "", "'-3", "true", """["a","b"]""", ""],
            ["completed", "", "'\tTabbed", "", "", "", "'-1+1"],
        ];
        // The last call's results as the job detail shows them (the simulated platform of the production profile gives codes and summaries).
        var detail = (await tenant.JobAsync(jobId)).GetProperty("contacts").EnumerateArray().ToList();
        for (var i = 0; i < 3; i++)
        {
            var results = ResultFields.Select(name => detail[i].GetProperty(name) is { ValueKind: not JsonValueKind.Null } value
                    ? SpreadsheetCell.Text(value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText())
                    : "");
            Assert.Equal([.. uploaded[i], .. results, .. customFields[i]], rows[i + 1]);
            Assert.NotEqual("", rows[i + 1][9]); // completedAt: every contact is final
        }
    }

    [Fact]
    public async Task A_status_filters_the_rows_as_in_the_listing_and_a_wrong_one_or_job_is_a_problem()
    {
        var (tenant, jobId) = await FinishedTrickyJobAsync(gateway);

        var busy = await tenant.ExportAsync(jobId, "?status=busy");
        var dialing = await tenant.ExportAsync(jobId, "?status=in_progress");

        Assert.Equal(["1"], busy.Skip(1).Select(r => r[0]));
        Assert.Single(dialing);
        await (await tenant.Http.GetAsync($"/batch/jobs/{jobId}/contacts.csv?status=done")).ProblemAsync(HttpStatusCode.BadRequest, "invalid_status");
        await (await tenant.Http.GetAsync("/batch/jobs/batch_nope/contacts.csv")).ProblemAsync(HttpStatusCode.NotFound, "job_not_found");
    }
}

[Collection(EmbeddedTests.Name)]
public sealed class ContactsExportTestsOnEmbedded(EmbeddedGateway gateway) : ContactsExportTests(gateway);

[Collection(ProductionTests.Name)]
public sealed class ContactsExportTestsOnProduction(ProductionGateway gateway) : ContactsExportTests(gateway);
