using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BatchCalling.BrowserTests;

/// <summary>
/// The campaign page at <c>/</c>, used as a campaign manager would: by its labels and roles, waiting on what the page shows
/// (never on time). Each test has an organization of its own; each page is checked with axe and saved as a screenshot.
/// </summary>
[Collection(DashboardTests.Name)]
public sealed partial class DashboardFlowTests(DashboardFixture fixture)
{
    [Fact(Timeout = DashboardFixture.TestTimeout)]
    public async Task Signing_in_keeps_the_key_in_the_session_only_and_signing_out_forgets_it()
    {
        var tenant = await fixture.NewTenantAsync();
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await fixture.AssertAccessibleAsync(page);
        await fixture.SaveScreenshotAsync(page, "dashboard-sign-in");

        // The keyboard alone: the field, then Enter.
        await page.GetByLabel("API key").FillAsync(tenant.ApiKey);
        await page.GetByLabel("API key").PressAsync("Enter");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Jobs", Level = 1 })).ToBeVisibleAsync();
        Assert.Equal(tenant.ApiKey, await page.EvaluateAsync<string>("() => sessionStorage.getItem('batch-calls.api-key')"));
        Assert.Equal(0, await page.EvaluateAsync<int>("() => localStorage.length + document.cookie.length"));
        Assert.DoesNotContain(tenant.ApiKey, page.Url, StringComparison.Ordinal);

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        Assert.Null(await page.EvaluateAsync<string?>("() => sessionStorage.getItem('batch-calls.api-key')"));
        fixture.AssertNoBrowserErrors(page);
    }

    [Fact(Timeout = DashboardFixture.TestTimeout)]
    public async Task A_csv_is_checked_before_it_is_created_and_its_job_is_watched_to_the_end()
    {
        var tenant = await fixture.NewTenantAsync();
        var page = await SignedInAsync(tenant, "#/new");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "New batch" })).ToBeVisibleAsync();

        // 12 good rows, then one without a +, then a repeat of the first.
        var csv = Contacts(12, durationMs: 250) + "2125550100,No plus,completed,150\n+12124130000,Again,completed,150\n";
        await page.GetByLabel("CSV file").SetInputFilesAsync(new FilePayload { Name = "spring.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        var preview = page.GetByRole(AriaRole.Region, new() { Name = "Preview of the file" });
        await Expect(preview.GetByRole(AriaRole.Cell, new() { Name = "Person 0", Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Name", new() { Exact = true })).ToHaveValueAsync("spring");
        await page.GetByLabel("Caller number ID").FillAsync("pn_1");
        await page.GetByLabel("Calls at once").FillAsync("1");
        await page.GetByLabel("Wait between attempts (seconds)").FillAsync("0");
        await page.GetByLabel("Not yet: I will start it").CheckAsync();
        await page.GetByLabel("Metadata (optional JSON object)").FillAsync("{\"crm\":\"spring-2026\"}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Check", Exact = true }).ClickAsync();

        var report = page.GetByRole(AriaRole.Region, new() { Name = "Validation report" });
        await Expect(report).ToBeVisibleAsync();
        await Expect(Stat(report, "Rows")).ToHaveTextAsync("14");
        await Expect(Stat(report, "Valid")).ToHaveTextAsync("12");
        await Expect(Stat(report, "Skipped")).ToHaveTextAsync("2");
        await Expect(Stat(report, "Duplicates")).ToHaveTextAsync("1");
        await Expect(Stat(report, "Estimated cost")).ToHaveTextAsync("$0.42");
        var skipped = report.GetByRole(AriaRole.Table);
        await Expect(skipped.GetByRole(AriaRole.Row).Filter(new() { HasText = "2125550100" })).ToContainTextAsync("13");
        await Expect(skipped.GetByRole(AriaRole.Row).Filter(new() { HasText = "duplicate phone" })).ToContainTextAsync("14");
        Assert.Equal(0, (await tenant.Http.GetFromJsonAsync<JobList>("/batch/jobs"))!.Total);
        await fixture.AssertAccessibleAsync(page);
        await fixture.SaveScreenshotAsync(page, "dashboard-create-report");

        await report.GetByRole(AriaRole.Button, new() { Name = "Create batch" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(JobPage());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "spring", Level = 1 })).ToBeVisibleAsync();
        var status = page.GetByRole(AriaRole.Status);
        await Expect(status).ToContainTextAsync("Status: pending. 0 of 12 contacts finished");
        await Expect(page.GetByText("Live updates on")).ToBeVisibleAsync();

        // Started here, it runs one 250 ms call at a time: the page learns each step from the live stream alone.
        await page.GetByRole(AriaRole.Button, new() { Name = "Start", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Start now" }).ClickAsync();
        await Expect(status).ToContainTextAsync("Status: running.");
        await Expect(status).ToContainTextAsync("Status: completed. 12 of 12 contacts finished: 12 completed, 0 failed.", new() { Timeout = 30_000 });
        await Expect(page.GetByRole(AriaRole.Img, new() { NameRegex = new Regex("^Contacts finished over time: 12 of 12") })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Img, new() { Name = "Contacts by status: completed 12" })).ToBeVisibleAsync();
        await Expect(page.GetByText("\"crm\": \"spring-2026\"")).ToBeVisibleAsync();

        // Each contact's calls, as a timeline, in the job's zone with UTC on hover.
        var calls = page.GetByRole(AriaRole.Button, new() { Name = "Calls (1) of Person 3" });
        await calls.ClickAsync();
        await Expect(calls).ToHaveAttributeAsync("aria-expanded", "true");
        var timeline = page.GetByRole(AriaRole.List, new() { Name = "Calls of Person 3" });
        await Expect(timeline).ToContainTextAsync("Attempt 1");
        await Expect(timeline.Locator("time").First).ToHaveAttributeAsync("title", new Regex(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$"));
        await fixture.AssertAccessibleAsync(page);
        await fixture.SaveScreenshotAsync(page, "dashboard-job");

        // Reloaded, the chart still has the whole run: the job's history (GET /progress), not a line from its start to its end.
        await page.ReloadAsync();
        var progress = page.GetByRole(AriaRole.Img, new() { NameRegex = new Regex("^Contacts finished over time: 12 of 12") });
        await Expect(progress).ToBeVisibleAsync();
        Assert.True(await progress.Locator("polyline").EvaluateAsync<int>("line => line.getAttribute('points').split(' ').length") >= 60,
            "The reloaded job page drew its progress without the job's history.");

        // On a narrow screen nothing is wider than the window: the contacts stack, a block each.
        await page.SetViewportSizeAsync(360, 800);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 360"), "The job page is wider than 360 px.");
        var contacts = page.GetByRole(AriaRole.Region, new() { Name = "Contact list" });
        Assert.True(await contacts.EvaluateAsync<bool>("region => region.scrollWidth <= region.clientWidth"), "The contacts do not fit 360 px.");
        var phone = contacts.GetByRole(AriaRole.Cell, new() { Name = "+12124130003" });
        Assert.Equal("block", await phone.EvaluateAsync<string>("cell => getComputedStyle(cell).display"));
        Assert.Equal("\"Phone: \"", await phone.EvaluateAsync<string>("cell => getComputedStyle(cell, '::before').content"));
        await fixture.AssertAccessibleAsync(page);
        await fixture.SaveScreenshotAsync(page, "dashboard-job-narrow");
        fixture.AssertNoBrowserErrors(page);
    }

    [Fact(Timeout = DashboardFixture.TestTimeout)]
    public async Task A_running_job_is_paused_resumed_with_one_contact_cancelled_exported_and_deleted()
    {
        var tenant = await fixture.NewTenantAsync();
        // 20 calls of 400 ms one at a time: 8 s, room on a loaded machine to pause before the last contact is dialed.
        var jobId = await CreateAsync(tenant, "Autumn", Contacts(20, durationMs: 400));
        var page = await SignedInAsync(tenant, $"#/jobs/{jobId}");
        var status = page.GetByRole(AriaRole.Status);
        await Expect(status).ToContainTextAsync("Status: running.");

        // Escape keeps the job as it is; then pause it for real.
        await page.GetByRole(AriaRole.Button, new() { Name = "Pause", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Keep as is" })).ToBeFocusedAsync();
        await fixture.AssertAccessibleAsync(page);
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Pause", Exact = true })).ToBeFocusedAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Pause", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Pause" }).ClickAsync();
        await Expect(status).ToContainTextAsync("Status: paused.");

        // The last contact, still pending, is cancelled alone.
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel contact Person 19" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Cancel contact" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Person 19" })).ToContainTextAsync("cancelled");

        await page.GetByRole(AriaRole.Button, new() { Name = "Resume", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Resume" }).ClickAsync();
        await Expect(status).ToContainTextAsync("Status: completed. 20 of 20 contacts finished: 19 completed, 0 failed.", new() { Timeout = 30_000 });

        // The export is fetched with the key, then saved: a file named after the job with every contact.
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Export CSV" }).ClickAsync());
        Assert.Equal($"{jobId}.csv", download.SuggestedFilename);
        var lines = (await File.ReadAllTextAsync((await download.PathAsync())!)).TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.StartsWith("index,phone,name,status", lines[0], StringComparison.Ordinal);
        Assert.Equal(21, lines.Length);
        Assert.Contains(lines, line => line.Contains("Person 19,cancelled", StringComparison.Ordinal));

        await page.GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Delete job" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Jobs", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("0 jobs.");
        Assert.Equal(HttpStatusCode.NotFound, (await tenant.Http.GetAsync($"/batch/jobs/{jobId}")).StatusCode);
        fixture.AssertNoBrowserErrors(page);
    }

    [Fact(Timeout = DashboardFixture.TestTimeout)]
    public async Task The_jobs_list_is_filtered_searched_and_kept_current_live_new_jobs_included()
    {
        var tenant = await fixture.NewTenantAsync();
        var alpha = await CreateAsync(tenant, "Alpha winter", Contacts(5, durationMs: 150), autoStart: false);
        await CreateAsync(tenant, "Beta summer", Contacts(2, durationMs: 100));
        var page = await SignedInAsync(tenant, "");
        var rows = page.GetByRole(AriaRole.Region, new() { Name = "Jobs" }).GetByRole(AriaRole.Row);
        await Expect(rows).ToHaveCountAsync(3);
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("2 jobs");
        await fixture.AssertAccessibleAsync(page);
        await fixture.SaveScreenshotAsync(page, "dashboard-jobs");

        await page.GetByLabel("Search by name").FillAsync("winter");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.Nth(1)).ToContainTextAsync("Alpha winter");
        await Expect(page).ToHaveURLAsync(new Regex("#/jobs\\?q=winter$"));
        await page.GetByLabel("Search by name").FillAsync("");
        await page.GetByLabel("Status", new() { Exact = true }).SelectOptionAsync("pending");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.Nth(1)).ToContainTextAsync("Alpha winter");

        // Back to every job; started from its row, the row follows it to the end without a reload.
        await page.GetByLabel("Status", new() { Exact = true }).SelectOptionAsync("");
        await Expect(rows).ToHaveCountAsync(3);
        await page.GetByRole(AriaRole.Button, new() { Name = "Start Alpha winter" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Start now" }).ClickAsync();
        var row = rows.Filter(new() { HasText = "Alpha winter" });
        await Expect(row).ToContainTextAsync("completed", new() { Timeout = 30_000 });
        await Expect(row.GetByRole(AriaRole.Progressbar, new() { Name = "Progress of Alpha winter" })).ToHaveAttributeAsync("value", "5");
        await Expect(row.GetByRole(AriaRole.Button, new() { Name = "Delete Alpha winter" })).ToBeVisibleAsync();

        // A job created elsewhere (here, the API) joins the list by itself, newest first.
        await CreateAsync(tenant, "Gamma autumn", Contacts(1, durationMs: 100), autoStart: false);
        await Expect(rows).ToHaveCountAsync(4);
        await Expect(rows.Nth(1)).ToContainTextAsync("Gamma autumn");
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("3 jobs");
        await row.GetByRole(AriaRole.Link, new() { Name = "Alpha winter" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"#/jobs/{alpha}$"));
        fixture.AssertNoBrowserErrors(page);
    }

    [Fact(Timeout = DashboardFixture.TestTimeout)]
    public async Task A_batch_scheduled_in_a_zone_shows_its_times_there_and_is_rescheduled_into_another()
    {
        var tenant = await fixture.NewTenantAsync();
        var year = DateTime.UtcNow.Year + 1;
        var page = await SignedInAsync(tenant, "#/new");
        await page.GetByLabel("CSV file").SetInputFilesAsync(new FilePayload { Name = "later.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(Contacts(3, 100)) });
        await page.GetByLabel("Caller number ID").FillAsync("pn_1");
        await page.GetByLabel("At a time I choose").CheckAsync();
        await page.GetByLabel("Start time").FillAsync($"{year}-03-01T10:00");
        await page.GetByLabel("Time zone").SelectOptionAsync("America/New_York");
        await page.GetByLabel("These hours in each contact’s local time").CheckAsync();
        await page.GetByLabel("Until").FillAsync("17:00");
        await page.GetByLabel("Friday").UncheckAsync();
        await page.GetByLabel("voicemail").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Check", Exact = true }).ClickAsync();
        var report = page.GetByRole(AriaRole.Region, new() { Name = "Validation report" });
        await Expect(Stat(report, "Starts")).ToHaveTextAsync($"at {year}-03-01 10:00 (America/New_York)");
        await report.GetByRole(AriaRole.Button, new() { Name = "Create batch" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Status: scheduled.");
        var settings = page.GetByRole(AriaRole.Region, new() { Name = "Settings" });
        // 10:00 in New York is 15:00 UTC: shown in the job's zone, UTC on hover.
        var start = settings.Locator($"time[datetime='{year}-03-01T15:00:00Z']");
        await Expect(start).ToHaveAttributeAsync("title", $"{year}-03-01 15:00:00 UTC");
        await Expect(start).ToContainTextAsync("10:00");
        await Expect(settings).ToContainTextAsync("09:00 to 17:00 local, mon, tue, wed, thu");
        await Expect(settings).ToContainTextAsync("no answer, busy, timeout, voicemail");

        await page.GetByRole(AriaRole.Button, new() { Name = "Reschedule" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("New start time").FillAsync($"{year}-03-02T09:00");
        await dialog.GetByLabel("Time zone").SelectOptionAsync("Europe/London");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Reschedule" }).ClickAsync();

        await Expect(settings.Locator($"time[datetime='{year}-03-02T09:00:00Z']")).ToBeVisibleAsync();
        await Expect(settings).ToContainTextAsync("Europe/London");
        fixture.AssertNoBrowserErrors(page);
    }

    [Fact(Timeout = DashboardFixture.TestTimeout)]
    public async Task The_apis_problems_are_shown_beside_the_form_and_the_fields_they_name()
    {
        var tenant = await fixture.NewTenantAsync();
        var page = await SignedInAsync(tenant, "#/new");
        // Dropped on the zone rather than picked: the file input takes it, and its rows are previewed.
        var dropped = await page.EvaluateHandleAsync("""
            csv => {
              const transfer = new DataTransfer();
              transfer.items.add(new File([csv], 'few.csv', { type: 'text/csv' }));
              return transfer;
            }
            """, Contacts(2, 100));
        await page.GetByRole(AriaRole.Group, new() { Name = "Drop zone" }).DispatchEventAsync("drop", new Dictionary<string, object> { ["dataTransfer"] = dropped });
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Preview of the file" })).ToContainTextAsync("Person 1");
        await Expect(page.GetByLabel("Name", new() { Exact = true })).ToHaveValueAsync("few");
        await page.GetByLabel("Caller number ID").FillAsync("pn_missing");
        var metadata = page.GetByLabel("Metadata (optional JSON object)");
        await metadata.FillAsync("{");
        await page.GetByRole(AriaRole.Button, new() { Name = "Check", Exact = true }).ClickAsync();

        var alert = page.GetByRole(AriaRole.Alert);
        await Expect(alert).ToContainTextAsync("One or more fields are invalid.");
        await Expect(alert).ToContainTextAsync("Code: validation_error");
        await Expect(metadata).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(metadata).ToHaveAccessibleDescriptionAsync(new Regex("Must be a JSON object"));
        await fixture.AssertAccessibleAsync(page);

        await metadata.FillAsync("{\"crm\":1}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Check", Exact = true }).ClickAsync();

        await Expect(alert).ToContainTextAsync("Code: phone_number_not_found");
        await Expect(metadata).Not.ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Validation report" })).ToHaveCountAsync(0);
        // Chromium logs each 4xx answer as a console error, so only uncaught exceptions count here.
        Assert.DoesNotContain(fixture.BrowserErrorsOf(page), e => e.StartsWith("pageerror", StringComparison.Ordinal));
    }

    /// <summary>A page of the dashboard at <paramref name="hash"/>, signed in with the tenant's key.</summary>
    private async Task<IPage> SignedInAsync(DashboardTenant tenant, string hash)
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/" + hash);
        await page.GetByLabel("API key").FillAsync(tenant.ApiKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToHaveCountAsync(0);
        return page;
    }

    /// <summary><paramref name="count"/> contacts Person 0, Person 1 …, each answered <c>completed</c> by the simulated dialer after the given time.</summary>
    private static string Contacts(int count, int durationMs) =>
        "phone,name,simulatedOutcomes,simulatedDurationMs\n"
        + string.Concat(Enumerable.Range(0, count).Select(i => $"+1212{4130000 + i},Person {i},completed,{durationMs}\n"));

    private static async Task<string> CreateAsync(DashboardTenant tenant, string name, string csv, bool autoStart = true)
    {
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "contacts.csv" },
            { new StringContent("pn_1"), "fromPhoneNumberId" },
            { new StringContent(name), "name" },
            { new StringContent("1"), "concurrentCallLimit" },
            { new StringContent(autoStart ? "true" : "false"), "autoStart" },
        };
        var created = await tenant.Http.PostAsync("/batch/jobs", form);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<Created>())!.BatchJobId;
    }

    private static ILocator Stat(ILocator report, string term) => report.Locator($"div:has(> dt:text-is(\"{term}\")) > dd");

    [GeneratedRegex("#/jobs/batch_[0-9a-f]+$")]
    private static partial Regex JobPage();

    private sealed record Created(string BatchJobId);

    private sealed record JobList(int Total);
}
