using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using BatchCalling.GatewayTests;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace BatchCalling.BrowserTests;

/// <summary>
/// The real gateway (the embedded default, on Kestrel at a free loopback port) and the system Chromium, headless, launched once
/// for all the browser tests; each test gets pages in browser contexts of its own. Nothing is ever downloaded: without
/// Chromium the tests fail, saying so.
/// </summary>
[SuppressMessage("Reliability", "CA1001", Justification = "xunit disposes a fixture through IAsyncLifetime.DisposeAsync, which disposes the gateway.")]
public sealed class DashboardFixture : IAsyncLifetime
{
    /// <summary>A bound on each browser test (<c>[Fact(Timeout = DashboardFixture.TestTimeout)]</c>), in milliseconds.</summary>
    public const int TestTimeout = 60_000;

    /// <summary>Playwright's default for every action, wait and navigation of a page from <see cref="NewPageAsync"/>.</summary>
    public static readonly TimeSpan ActionTimeout = TimeSpan.FromSeconds(15);

    /// <summary>The Chromium the tests drive: <c>CHROMIUM_PATH</c>, else the Debian package's <c>/usr/bin/chromium</c>.</summary>
    public static string ChromiumPath { get; } = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <summary>Where <see cref="SaveScreenshotAsync"/> writes: <c>BROWSER_ARTIFACTS</c>, (relative to the repository root), else <c>artifacts/screenshots</c> there.</summary>
    public static string ScreenshotDirectory { get; } = Environment.GetEnvironmentVariable("BROWSER_ARTIFACTS") is { Length: > 0 } dir
        ? Path.GetFullPath(dir, Repository.Root)
        : Path.Combine(Repository.Root, "artifacts", "screenshots");

    private readonly EmbeddedGateway _gateway = new();
    private readonly ConditionalWeakTable<IPage, BrowserErrors> _errors = [];
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>Where the gateway listens, e.g. <c>http://127.0.0.1:41234</c> (no trailing slash); pages resolve relative URLs against it.</summary>
    public string BaseUrl => _gateway.BaseAddress;

    /// <summary>The API key of the gateway's demo organization.</summary>
    public string DemoKey => IGatewayUnderTest.DemoKey;

    /// <summary>The gateway itself, for what the browser does not show (the admin API, the simulated dialer).</summary>
    public EmbeddedGateway Gateway => _gateway;

    /// <summary>The running Chromium's version, e.g. <c>156.0.8078.108</c>.</summary>
    public string BrowserVersion => Browser.Version;

    private IBrowser Browser => _browser ?? throw new InvalidOperationException("The fixture has not started.");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"Chromium is not at {ChromiumPath}: the browser tests drive the system Chromium and never download one. Install the Debian " +
                "package (apt-get install chromium; test.sh does when it is missing) or set CHROMIUM_PATH to a Chromium executable.");
        }

        await _gateway.InitializeAsync();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Timeout = (float)TimeSpan.FromSeconds(30).TotalMilliseconds,
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        await _gateway.DisposeAsync();
    }

    /// <summary>A new organization (caller <c>pn_1</c>, agent <c>agent_1</c>) with an API key of its own.</summary>
    public async Task<DashboardTenant> NewTenantAsync(int concurrencyLimit = 10, decimal credits = 1000m)
    {
        var tenant = await _gateway.NewTenantAsync(concurrencyLimit, credits);
        return new DashboardTenant(tenant.OrganizationId, tenant.Http.DefaultRequestHeaders.Authorization!.Parameter!, tenant.Http);
    }

    /// <summary>
    /// A page in a fresh browser context (no cookies or storage from other tests) whose relative URLs resolve against
    /// <see cref="BaseUrl"/> (<c>page.GotoAsync("/")</c>), with <see cref="ActionTimeout"/> on every action, and its console
    /// errors and page errors kept for <see cref="AssertNoBrowserErrors"/>. Close it with <c>page.Context.CloseAsync()</c>, or
    /// leave it to the fixture.
    /// </summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new() { BaseURL = BaseUrl, ViewportSize = new() { Width = 1280, Height = 800 } });
        context.SetDefaultTimeout((float)ActionTimeout.TotalMilliseconds);
        context.SetDefaultNavigationTimeout((float)ActionTimeout.TotalMilliseconds);
        var page = await context.NewPageAsync();
        _errors.Add(page, new BrowserErrors(page));
        return page;
    }

    /// <summary>Every <c>console.error</c> and <c>pageerror</c> of <paramref name="page"/> so far, in order.</summary>
    public IReadOnlyList<string> BrowserErrorsOf(IPage page) =>
        _errors.TryGetValue(page, out var errors) ? errors.All : throw new ArgumentException("The page was not made by NewPageAsync.", nameof(page));

    /// <summary>Fails, listing them, when <paramref name="page"/> logged a <c>console.error</c> or threw (<c>pageerror</c>).</summary>
    public void AssertNoBrowserErrors(IPage page)
    {
        var errors = BrowserErrorsOf(page);
        Assert.True(errors.Count == 0, $"The page {page.Url} reported {errors.Count} error(s):\n" + string.Join('\n', errors));
    }

    /// <summary>A full-page PNG of <paramref name="page"/> as <c>&lt;name&gt;.png</c> in <see cref="ScreenshotDirectory"/>; answers its path.</summary>
    public async Task<string> SaveScreenshotAsync(IPage page, string name)
    {
        if (name.Length == 0 || name.IndexOfAny([.. Path.GetInvalidFileNameChars(), '/', '\\']) >= 0)
        {
            throw new ArgumentException($"'{name}' is not a file name.", nameof(name));
        }

        Directory.CreateDirectory(ScreenshotDirectory);
        var path = Path.Combine(ScreenshotDirectory, name + ".png");
        await page.ScreenshotAsync(new() { Path = path, FullPage = true, Type = ScreenshotType.Png });
        return path;
    }

    /// <summary>
    /// Runs axe (WCAG 2 A and AA rules) on <paramref name="page"/> as it is now and fails listing each violation of impact
    /// serious or critical: its rule id, impact, and the selectors of the elements it found.
    /// </summary>
    public async Task AssertAccessibleAsync(IPage page)
    {
        var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa"] } });
        var failing = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        if (failing.Count == 0)
        {
            return;
        }

        var report = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{failing.Count} serious or critical accessibility violation(s) on {page.Url}:");
        foreach (var violation in failing)
        {
            report.Append(CultureInfo.InvariantCulture, $"\n- {violation.Id} ({violation.Impact}): {violation.Help}");
            foreach (var node in violation.Nodes)
            {
                report.Append(CultureInfo.InvariantCulture, $"\n    {node.Target}");
            }
        }

        Assert.Fail(report.ToString());
    }
}

/// <summary>An organization of its own for a test: its id, its API key (for the dashboard), and a client that carries the key.</summary>
public sealed record DashboardTenant(string OrganizationId, string ApiKey, HttpClient Http);

[CollectionDefinition(Name)]
public sealed class DashboardTests : ICollectionFixture<DashboardFixture>
{
    public const string Name = "dashboard";
}
