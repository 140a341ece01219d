using System.Globalization;
using System.Net;
using System.Text.Json;
using BatchCalling.Gateway.Export;

namespace BatchCalling.GatewayTests;

/// <summary>The issue's end-to-end run: the 10,000-contact sample at 50 calls at a time, 100 ms each, then exported whole.</summary>
public abstract class TenThousandContactsTests(IGatewayUnderTest gateway)
{
    [Fact]
    public async Task A_ten_thousand_contact_job_runs_to_completed_with_exact_counters()
    {
        var tenant = await gateway.NewTenantAsync(concurrencyLimit: 50);

        var jobId = await tenant.CreateJobAsync(Api.SampleCsv("contacts-10k.csv"), ("concurrentCallLimit", "50"), ("retryDelaySeconds", "0"));
        var job = await tenant.WaitForJobAsync(jobId, Api.StatusIs("completed"), TimeSpan.FromMinutes(3));

        var counts = job.GetProperty("contactStatusCounts").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
        Assert.Equal(10_000, counts.Values.Sum());
        Assert.Equal(10_000, job.GetProperty("contactsProcessed").GetInt32());
        Assert.Equal(counts["completed"], job.GetProperty("successfulCalls").GetInt32());
        Assert.Equal(10_000 - counts["completed"], job.GetProperty("failedCalls").GetInt32());
        Assert.InRange(await gateway.PeakForJobAsync(jobId), 1, 50);
        Assert.Equal(0, await gateway.DoubleDialsAsync(jobId));

        var attempts = 0;
        var contactsSeen = new List<string[]>();
        for (var page = 1; page <= 100; page++)
        {
            var body = await (await tenant.Http.GetAsync($"/batch/jobs/{jobId}/contacts?page={page}&pageSize=100")).JsonAsync(HttpStatusCode.OK);
            foreach (var contact in body.GetProperty("contacts").EnumerateArray())
            {
                var calls = contact.GetProperty("calls").EnumerateArray().ToList();
                Assert.Equal(contact.GetProperty("attempts").GetInt32(), calls.Count);
                Assert.All(calls, c => Assert.NotEqual(JsonValueKind.Null, c.GetProperty("outcome").ValueKind));
                Assert.Equal(contact.GetProperty("lastOutcome").GetString(), calls[^1].GetProperty("outcome").GetString());
                attempts += calls.Count;
                contactsSeen.Add([contact.GetProperty("index").GetInt32().ToString(CultureInfo.InvariantCulture), contact.GetProperty("phone").GetString()!,
                    contact.GetProperty("status").GetString()!, calls.Count.ToString(CultureInfo.InvariantCulture), contact.GetProperty("lastOutcome").GetString()!]);
            }
        }

        Assert.Equal(10_000, contactsSeen.Count);
        Assert.Equal(attempts, await gateway.PlacedForJobAsync(jobId));

        // The export streams all of them, in upload order, each as the listing shows it.
        var exported = await tenant.ExportAsync(jobId);
        Assert.Equal([.. ContactCsvColumns.Fixed, "company", "appointment"], exported[0]);
        Assert.Equal(contactsSeen, exported.Skip(1).Select(r => new[] { r[0], r[1], r[3], r[4], r[5] }));
        Assert.All(exported.Skip(1), r => Assert.StartsWith("Acme, Inc. #", r[12], StringComparison.Ordinal));
    }
}

[Collection(EmbeddedTests.Name)]
public sealed class TenThousandContactsTestsOnEmbedded(EmbeddedGateway gateway) : TenThousandContactsTests(gateway);

[Collection(ProductionTests.Name)]
public sealed class TenThousandContactsTestsOnProduction(ProductionGateway gateway) : TenThousandContactsTests(gateway);
