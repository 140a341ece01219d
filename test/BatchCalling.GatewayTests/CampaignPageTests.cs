using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace BatchCalling.GatewayTests;

/// <summary>
/// The campaign page at <c>/</c>: its files are served to anyone with their types, a strict Content-Security-Policy and
/// revalidated caching, while every other path answers as the API always has, and a key is taken from a header only.
/// </summary>
public abstract partial class CampaignPageTests(IGatewayUnderTest gateway)
{
    private readonly HttpClient _anonymous = gateway.ClientWith(null);

    [Fact]
    public async Task The_page_is_served_at_the_root_without_a_key_under_a_strict_content_security_policy()
    {
        var page = await _anonymous.GetAsync("/");
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html; charset=utf-8", page.Content.Headers.ContentType?.ToString());
        var policy = Assert.Single(page.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("style-src 'self'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(page.Headers.GetValues("X-Content-Type-Options")));
        Assert.True(page.Headers.CacheControl?.NoCache);
        Assert.NotNull(page.Headers.ETag);
        // Nothing inline for the policy to refuse: one module script and one stylesheet, both from this gateway.
        Assert.DoesNotMatch(@"<script(?![^>]*\bsrc=)", html);
        Assert.DoesNotMatch(@"<style|\sstyle=|\son[a-z]+=", html);
    }

    [Fact]
    public async Task Every_file_the_page_loads_is_served_from_the_gateway_with_its_type()
    {
        var html = await (await _anonymous.GetAsync("/")).Content.ReadAsStringAsync();
        var references = Reference().Matches(html).Select(m => m.Groups["path"].Value).ToList();
        Assert.Contains("app/main.js", references);
        Assert.Contains("styles.css", references);

        // Every module and what it imports, relative to it: nothing comes from another origin.
        var modules = new Queue<string>(references.Where(r => r.EndsWith(".js", StringComparison.Ordinal)).Select(r => "/" + r));
        var seen = new HashSet<string>();
        while (modules.TryDequeue(out var module))
        {
            if (!seen.Add(module))
            {
                continue;
            }

            var source = await AssertServedAsync(module, "text/javascript; charset=utf-8");
            foreach (var specifier in Import().Matches(source).Select(m => m.Groups["path"].Value))
            {
                Assert.Matches(@"^\.\.?/", specifier);
                modules.Enqueue(new Uri(new Uri("http://page" + module), specifier).AbsolutePath);
            }
        }

        Assert.Contains("/app/sse.js", seen);
        await AssertServedAsync("/styles.css", "text/css; charset=utf-8");
        await AssertServedAsync("/favicon.svg", "image/svg+xml");
        Assert.All(references, r => Assert.DoesNotMatch("^(https?:)?//", r));
    }

    [Fact]
    public async Task A_file_unchanged_since_the_browser_kept_it_is_answered_not_modified()
    {
        var first = await _anonymous.GetAsync("/app/main.js");
        using var again = new HttpRequestMessage(HttpMethod.Get, "/app/main.js");
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        Assert.Equal(HttpStatusCode.NotModified, (await _anonymous.SendAsync(again)).StatusCode);
    }

    [Theory]
    [InlineData("GET", "/batch/nope", HttpStatusCode.NotFound, "not_found")]
    [InlineData("GET", "/admin/nope", HttpStatusCode.NotFound, "not_found")]
    [InlineData("GET", "/batch/jobs", HttpStatusCode.Unauthorized, "unauthorized")]
    [InlineData("GET", "/index.htm", HttpStatusCode.NotFound, "not_found")]
    [InlineData("GET", "/app/", HttpStatusCode.NotFound, "not_found")]
    [InlineData("GET", "/app/missing.js", HttpStatusCode.NotFound, "not_found")]
    [InlineData("POST", "/", HttpStatusCode.NotFound, "not_found")]
    public async Task Paths_that_name_no_file_answer_as_the_api_did(string method, string path, HttpStatusCode status, string code)
    {
        var response = await _anonymous.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        await response.ProblemAsync(status, code);
        Assert.False(response.Headers.Contains("Content-Security-Policy"));
    }

    [Theory]
    [InlineData("api_key")]
    [InlineData("apiKey")]
    [InlineData("key")]
    [InlineData("access_token")]
    public async Task A_key_in_the_url_is_never_accepted(string parameter)
    {
        await (await _anonymous.GetAsync($"/batch/jobs?{parameter}={IGatewayUnderTest.DemoKey}")).ProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        // The same key in the header opens the list.
        using var request = new HttpRequestMessage(HttpMethod.Get, "/batch/jobs") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", IGatewayUnderTest.DemoKey) } };
        Assert.Equal(HttpStatusCode.OK, (await _anonymous.SendAsync(request)).StatusCode);
    }

    private async Task<string> AssertServedAsync(string path, string contentType)
    {
        var response = await _anonymous.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} answered {response.StatusCode}");
        Assert.Equal(contentType, response.Content.Headers.ContentType?.ToString());
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        return await response.Content.ReadAsStringAsync();
    }

    [GeneratedRegex(@"(?:src|href)=""(?<path>[^""]+)""")]
    private static partial Regex Reference();

    [GeneratedRegex("""^(?:import|export)\b[^'"]*?\bfrom\s+'(?<path>[^']+)'""", RegexOptions.Multiline)]
    private static partial Regex Import();
}

[Collection(EmbeddedTests.Name)]
public sealed class CampaignPageTestsOnEmbedded(EmbeddedGateway gateway) : CampaignPageTests(gateway);

[Collection(ProductionTests.Name)]
public sealed class CampaignPageTestsOnProduction(ProductionGateway gateway) : CampaignPageTests(gateway);
