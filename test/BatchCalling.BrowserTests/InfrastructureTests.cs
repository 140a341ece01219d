using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Sdk;

namespace BatchCalling.BrowserTests;

/// <summary>The browser tests' own machinery: the gateway reached from Chromium, and each helper able to fail.</summary>
[Collection(DashboardTests.Name)]
public sealed class InfrastructureTests(DashboardFixture fixture)
{
    private const string CleanPage = """
        <!doctype html>
        <html lang="en">
        <head><meta charset="utf-8"><title>Campaigns</title></head>
        <body>
          <main>
            <h1>Campaigns</h1>
            <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="Logo">
            <label for="name">Campaign name</label> <input id="name" type="text">
            <button type="button">Start</button>
          </main>
        </body>
        </html>
        """;

    [Fact(Timeout = DashboardFixture.TestTimeout)]
    public async Task The_gateway_answers_the_browser_and_its_API_takes_the_demo_key_from_a_page()
    {
        var page = await fixture.NewPageAsync();

        var ready = await page.GotoAsync("/health/ready");
        Assert.Equal(200, ready!.Status);
        Assert.Equal("ready", (await ready.JsonAsync())!.Value.GetProperty("status").GetString());

        var document = await page.GotoAsync("/openapi/v1.json");
        Assert.Equal(200, document!.Status);
        var json = (await document.JsonAsync())!.Value;
        Assert.StartsWith("3.", json.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        Assert.True(json.GetProperty("paths").TryGetProperty("/batch/jobs", out _), "The served OpenAPI document has no /batch/jobs.");

        const string Fetch = "async key => (await fetch('/batch/jobs', key ? { headers: { Authorization: 'Bearer ' + key } } : {})).status";
        Assert.Equal(200, await page.EvaluateAsync<int>(Fetch, fixture.DemoKey));
        var tenant = await fixture.NewTenantAsync();
        Assert.Equal(200, await page.EvaluateAsync<int>(Fetch, tenant.ApiKey));
        // Opened directly, a JSON document has no <link rel="icon">: Chromium asks for /favicon.ico, which the gateway answers 404.
        Assert.DoesNotContain(fixture.BrowserErrorsOf(page), e => !e.Contains("/favicon.ico", StringComparison.Ordinal));

        // Chromium logs a request answered 4xx as a console error, so a page that expects one must not call AssertNoBrowserErrors.
        Assert.Equal(401, await page.EvaluateAsync<int>(Fetch, null));
        await Wait.UntilAsync(() => Task.FromResult(fixture.BrowserErrorsOf(page).Any(e => e.Contains("/batch/jobs", StringComparison.Ordinal) && e.Contains("401", StringComparison.Ordinal))),
            TimeSpan.FromSeconds(5), () => "a console error for the 401, got: " + string.Join(" | ", fixture.BrowserErrorsOf(page)));
    }

    [Fact(Timeout = DashboardFixture.TestTimeout)]
    public async Task Console_errors_and_uncaught_exceptions_fail_the_no_errors_assertion()
    {
        var clean = await fixture.NewPageAsync();
        await clean.SetContentAsync(CleanPage + "<script>console.log('fine'); console.warn('also fine');</script>");
        fixture.AssertNoBrowserErrors(clean);

        var page = await fixture.NewPageAsync();
        await page.SetContentAsync("""<script>console.error("boom"); setTimeout(() => { throw new Error("bang"); });</script>""");
        await Wait.UntilAsync(() => Task.FromResult(fixture.BrowserErrorsOf(page).Count == 2), TimeSpan.FromSeconds(5),
            () => "a console error and a page error, got: " + string.Join(" | ", fixture.BrowserErrorsOf(page)));

        var failure = Assert.ThrowsAny<XunitException>(() => fixture.AssertNoBrowserErrors(page));
        Assert.Contains("console.error", failure.Message, StringComparison.Ordinal);
        Assert.Contains("boom", failure.Message, StringComparison.Ordinal);
        Assert.Contains("pageerror", failure.Message, StringComparison.Ordinal);
        Assert.Contains("bang", failure.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = DashboardFixture.TestTimeout)]
    public async Task A_clean_page_passes_the_accessibility_check()
    {
        var page = await fixture.NewPageAsync();
        await page.SetContentAsync(CleanPage);

        await fixture.AssertAccessibleAsync(page);
    }

    [Fact(Timeout = DashboardFixture.TestTimeout)]
    public async Task The_accessibility_check_runs_under_a_policy_that_admits_no_inline_or_foreign_script()
    {
        // The dashboard's own policy is as strict: axe is evaluated by Playwright, not added as a script the page must admit.
        var page = await fixture.NewPageAsync();
        await page.RouteAsync("**/strict-policy.html", route => route.FulfillAsync(new()
        {
            ContentType = "text/html; charset=utf-8",
            Headers = new Dictionary<string, string> { ["Content-Security-Policy"] = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'" },
            Body = CleanPage.Replace(" alt=\"Logo\"", "", StringComparison.Ordinal),
        }));
        await page.GotoAsync("/strict-policy.html");

        var failure = await Assert.ThrowsAnyAsync<XunitException>(() => fixture.AssertAccessibleAsync(page));
        Assert.Contains("image-alt (critical)", failure.Message, StringComparison.Ordinal);
        // A blocked load is a console error, so the policy is enforced here (Chromium asks for /favicon.ico, which the gateway answers 404).
        Assert.DoesNotContain(fixture.BrowserErrorsOf(page), e => !e.Contains("/favicon.ico", StringComparison.Ordinal));
    }

    [Fact(Timeout = DashboardFixture.TestTimeout)]
    public async Task An_image_without_alt_and_an_input_without_label_fail_the_accessibility_check_by_rule_impact_and_element()
    {
        var page = await fixture.NewPageAsync();
        await page.SetContentAsync(CleanPage
            .Replace(" alt=\"Logo\"", " id=\"logo\"", StringComparison.Ordinal)
            .Replace("<label for=\"name\">Campaign name</label>", "", StringComparison.Ordinal));

        var failure = await Assert.ThrowsAnyAsync<XunitException>(() => fixture.AssertAccessibleAsync(page));
        Assert.Contains("image-alt (critical)", failure.Message, StringComparison.Ordinal);
        Assert.Contains("#logo", failure.Message, StringComparison.Ordinal);
        Assert.Contains("label (critical)", failure.Message, StringComparison.Ordinal);
        Assert.Contains("#name", failure.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = DashboardFixture.TestTimeout)]
    public async Task A_screenshot_is_a_full_page_png_named_after_its_name()
    {
        var page = await fixture.NewPageAsync();
        await page.SetContentAsync(CleanPage.Replace("</main>", "<div style=\"height: 3000px\"></div></main>", StringComparison.Ordinal));

        var path = await fixture.SaveScreenshotAsync(page, "infrastructure-clean-page");

        Assert.Equal(Path.Combine(DashboardFixture.ScreenshotDirectory, "infrastructure-clean-page.png"), path);
        var png = await File.ReadAllBytesAsync(path);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        var height = (png[20] << 24) | (png[21] << 16) | (png[22] << 8) | png[23]; // IHDR: width at 16, height at 20
        Assert.True(height > 3000, $"The screenshot is {height} px high: not the full page.");
        await Assert.ThrowsAsync<ArgumentException>(() => fixture.SaveScreenshotAsync(page, "../escape"));
    }

    [Fact(Timeout = DashboardFixture.TestTimeout)]
    public async Task The_system_Chromium_is_not_older_than_the_one_Playwright_targets()
    {
        // The driver the build copied (bin/.playwright) names the Chromium this Playwright was made for.
        var browsers = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, ".playwright", "package", "browsers.json")));
        var targeted = browsers.RootElement.GetProperty("browsers").EnumerateArray()
            .First(b => b.GetProperty("name").GetString() == "chromium").GetProperty("browserVersion").GetString()!;

        var running = fixture.BrowserVersion;

        Assert.True(Major(running) >= Major(targeted),
            $"The system Chromium ({DashboardFixture.ChromiumPath}) is {running}; this Playwright targets {targeted}: upgrade the Debian package.");
        static int Major(string version) => int.Parse(version.Split('.')[0], System.Globalization.CultureInfo.InvariantCulture);
    }
}
