using System.Net;
using System.Text.Json;

namespace BatchCalling.GatewayTests;

/// <summary>The served OpenAPI document is the committed one, so a contract change is always a visible diff; and it can fail a response.</summary>
[Collection(EmbeddedTests.Name)]
public sealed class OpenApiDocumentTests(EmbeddedGateway gateway)
{
    /// <summary>Set to a path (docs/openapi.json) to write the served document there instead of comparing.</summary>
    private const string UpdateVariable = "UPDATE_OPENAPI";

    [Fact]
    public async Task The_served_document_is_the_committed_one()
    {
        var served = await (await gateway.ClientWith(null).GetAsync("/openapi/v1.json")).Content.ReadAsStringAsync();
        if (Environment.GetEnvironmentVariable(UpdateVariable) is { Length: > 0 } target)
        {
            await File.WriteAllTextAsync(target, served);
        }

        Assert.True(served == await File.ReadAllTextAsync(OpenApiContract.CommittedPath),
            $"/openapi/v1.json differs from docs/openapi.json. If the change is meant, run the gateway tests with {UpdateVariable}=$PWD/docs/openapi.json and commit the diff.");
        Assert.StartsWith("3.1", JsonDocument.Parse(served).RootElement.GetProperty("openapi").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_interactive_reference_is_served_at_docs_without_any_outside_address()
    {
        using var http = gateway.ClientWith(null);

        var page = await http.GetAsync("/docs/");
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("\"url\":\"openapi/v1.json\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("fonts.scalar.com", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/docs/scalar.js")).StatusCode);
    }

    [Theory]
    [InlineData("get", "/batch/jobs/batch_1", 200, """{"id":"batch_1"}""", "Required properties")]
    [InlineData("get", "/batch/jobs", 200, """{"batchJobs":[],"total":0,"page":1,"pageSize":20,"extra":1}""", "extra")]
    [InlineData("get", "/batch/jobs", 200, """{"batchJobs":[],"total":"0","page":1,"pageSize":20}""", "total")]
    [InlineData("post", "/batch/jobs/batch_1/start", 418, """{"success":true}""", "does not list")]
    [InlineData("get", "/batch/jobs/batch_1", 404, """{"type":"t","title":"t","status":404,"detail":"d"}""", "code")]
    [InlineData("get", "/nowhere", 404, """{"type":"t","title":"t","status":404,"detail":"d","code":"not_found","traceId":"x","more":1}""", "more")]
    public void The_contract_fails_a_response_that_drifts_from_it(string method, string path, int status, string body, string expected)
    {
        var mediaType = status >= 400 ? "application/problem+json" : "application/json";

        var violation = OpenApiContract.Committed.Check(method, path, status, mediaType, body);

        Assert.NotNull(violation);
        Assert.True(violation.Contains(expected, StringComparison.Ordinal), violation);
    }

    [Fact]
    public void The_contract_passes_a_documented_answer() =>
        Assert.Null(OpenApiContract.Committed.Check("get", "/health/live", 200, "application/json", """{"status":"live","detail":null}"""));
}
