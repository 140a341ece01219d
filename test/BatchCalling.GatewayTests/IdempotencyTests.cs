using System.Net;
using System.Text;

namespace BatchCalling.GatewayTests;

/// <summary>A retried create is safe: the same Idempotency-Key and request make one job and get the first answer again.</summary>
public abstract class IdempotencyTests(IGatewayUnderTest gateway)
{
    private static HttpRequestMessage Json(string key, string body) =>
        new(HttpMethod.Post, "/batch/jobs") { Content = new StringContent(body, Encoding.UTF8, "application/json"), Headers = { { "Idempotency-Key", key } } };

    private static HttpRequestMessage Csv(string key, string csv, string name = "Keyed") => new(HttpMethod.Post, "/batch/create")
    {
        Content = new MultipartFormDataContent
        {
            { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "contacts.csv" },
            { new StringContent("pn_1"), "fromPhoneNumberId" },
            { new StringContent(name), "name" },
            { new StringContent("false"), "autoStart" },
        },
        Headers = { { "Idempotency-Key", key } },
    };

    private static async Task<int> TotalAsync(Tenant tenant) =>
        (await (await tenant.Http.GetAsync("/batch/jobs")).JsonAsync(HttpStatusCode.OK)).GetProperty("total").GetInt32();

    [Fact]
    public async Task A_repeated_create_gets_the_first_answer_and_makes_no_second_job()
    {
        var tenant = await gateway.NewTenantAsync();
        const string body = """{ "fromPhoneNumberId": "pn_1", "name": "Keyed", "autoStart": false, "contacts": [ { "phone": "+12025550101" }, { "phone": "nope" } ] }""";

        var first = await tenant.Http.SendAsync(Json("order-42", body));
        var again = await tenant.Http.SendAsync(Json("order-42", body));

        var firstBody = await first.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal((first.StatusCode, first.Headers.Location, firstBody), (again.StatusCode, again.Headers.Location, await again.Content.ReadAsStringAsync()));
        Assert.Equal(1, await TotalAsync(tenant));
    }

    [Fact]
    public async Task A_retried_multipart_create_with_another_boundary_is_the_same_request()
    {
        var tenant = await gateway.NewTenantAsync();

        var first = await (await tenant.Http.SendAsync(Csv("upload-1", Api.Csv("+12025550101")))).JsonAsync(HttpStatusCode.Created);
        var again = await (await tenant.Http.SendAsync(Csv("upload-1", Api.Csv("+12025550101")))).JsonAsync(HttpStatusCode.Created);

        Assert.Equal(first.GetProperty("batchJobId").GetString(), again.GetProperty("batchJobId").GetString());
        Assert.Equal(1, await TotalAsync(tenant));
    }

    [Fact]
    public async Task Duplicates_sent_at_the_same_moment_make_one_job()
    {
        var tenant = await gateway.NewTenantAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => tenant.Http.SendAsync(Csv("burst", Api.Csv("+12025550101", "+12025550102")))));

        var ids = await Task.WhenAll(answers.Select(async a => (await a.JsonAsync(HttpStatusCode.Created)).GetProperty("batchJobId").GetString()));
        Assert.Single(ids.Distinct());
        Assert.Equal(1, await TotalAsync(tenant));
    }

    [Fact]
    public async Task The_same_key_with_another_request_is_a_conflict_and_keys_belong_to_one_organization()
    {
        var tenant = await gateway.NewTenantAsync();
        var other = await gateway.NewTenantAsync();
        await (await tenant.Http.SendAsync(Csv("k", Api.Csv("+12025550101")))).JsonAsync(HttpStatusCode.Created);

        await (await tenant.Http.SendAsync(Csv("k", Api.Csv("+12025550102")))).ProblemAsync(HttpStatusCode.Conflict, "idempotency_conflict");
        await (await tenant.Http.SendAsync(Csv("k", Api.Csv("+12025550101"), name: "Renamed"))).ProblemAsync(HttpStatusCode.Conflict, "idempotency_conflict");
        await (await other.Http.SendAsync(Csv("k", Api.Csv("+12025550102")))).JsonAsync(HttpStatusCode.Created);
        Assert.Equal((1, 1), (await TotalAsync(tenant), await TotalAsync(other)));
    }

    public static TheoryData<string> MalformedKeys => new() { "", "has space", new string('k', 256) };

    [Theory]
    [MemberData(nameof(MalformedKeys))]
    public async Task A_malformed_key_is_a_validation_error(string key)
    {
        var tenant = await gateway.NewTenantAsync();
        var request = Csv("x", Api.Csv("+12025550101"));
        request.Headers.Remove("Idempotency-Key");
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);

        await (await tenant.Http.SendAsync(request)).ProblemAsync(HttpStatusCode.BadRequest, "validation_error");
    }
}

[Collection(EmbeddedTests.Name)]
public sealed class IdempotencyTestsOnEmbedded(EmbeddedGateway gateway) : IdempotencyTests(gateway);

[Collection(ProductionTests.Name)]
public sealed class IdempotencyTestsOnProduction(ProductionGateway gateway) : IdempotencyTests(gateway);
