using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BatchCalling.Contacts;
using BatchCalling.Testing;
using StandardWebhooks;

namespace BatchCalling.GatewayTests;

/// <summary>
/// <c>/batch/do-not-call</c> and the organization's <c>recipientCap</c> over HTTP: the list's answers and errors, a listed
/// number never dialed (added before upload or before a scheduled start), the cap's wait, and one call per number on the line.
/// </summary>
public abstract class DoNotCallTests(IGatewayUnderTest gateway)
{
    private static int _seed = Random.Shared.Next(1_000_000);

    /// <summary>A valid US number of this test run's own.</summary>
    protected static string NewNumber() => string.Create(CultureInfo.InvariantCulture, $"+1212{5_000_000 + Interlocked.Increment(ref _seed) % 4_000_000}");

    [Fact]
    public async Task Numbers_are_added_listed_back_when_invalid_paged_and_removed()
    {
        var tenant = await gateway.NewTenantAsync();
        var (a, b) = (NewNumber(), NewNumber());

        var added = await (await tenant.Http.PostAsJsonAsync("/batch/do-not-call", new { numbers = new[] { a, b, a, "12025550100", "+1555", "" } }))
            .JsonAsync(HttpStatusCode.OK);
        Assert.Equal((2, 0), (added.GetProperty("added").GetInt32(), added.GetProperty("alreadyListed").GetInt32()));
        Assert.Equal(["12025550100:invalid_phone_format", "+1555:invalid_phone_number", ":missing_phone"],
            added.GetProperty("invalid").EnumerateArray().Select(i => $"{i.GetProperty("number").GetString()}:{i.GetProperty("reason").GetString()}"));
        var again = await (await tenant.Http.PostAsJsonAsync("/batch/do-not-call", new { numbers = new[] { a } })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal((0, 1), (again.GetProperty("added").GetInt32(), again.GetProperty("alreadyListed").GetInt32()));

        var first = await (await tenant.Http.GetAsync("/batch/do-not-call?page=1&pageSize=1")).JsonAsync(HttpStatusCode.OK);
        var second = await (await tenant.Http.GetAsync("/batch/do-not-call?page=2&pageSize=1")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal((2, 1, 1), (first.GetProperty("total").GetInt32(), first.GetProperty("page").GetInt32(), first.GetProperty("pageSize").GetInt32()));
        Assert.Equal([a, b], new[] { first, second }.SelectMany(p => p.GetProperty("numbers").EnumerateArray().Select(n => n.GetString()!)).Order());

        // Another organization's list is its own.
        var other = await gateway.NewTenantAsync();
        Assert.Equal(0, (await (await other.Http.GetAsync("/batch/do-not-call")).JsonAsync(HttpStatusCode.OK)).GetProperty("total").GetInt32());
        await (await other.Http.DeleteAsync($"/batch/do-not-call/{Uri.EscapeDataString(a)}")).ProblemAsync(HttpStatusCode.NotFound, "number_not_found");

        Assert.Equal(HttpStatusCode.NoContent, (await tenant.Http.DeleteAsync($"/batch/do-not-call/{Uri.EscapeDataString(a)}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await tenant.Http.DeleteAsync($"/batch/do-not-call/{b}")).StatusCode);
        await (await tenant.Http.DeleteAsync($"/batch/do-not-call/{b}")).ProblemAsync(HttpStatusCode.NotFound, "number_not_found");
        Assert.Equal(0, (await (await tenant.Http.GetAsync("/batch/do-not-call")).JsonAsync(HttpStatusCode.OK)).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Bad_requests_are_problems_with_codes()
    {
        var tenant = await gateway.NewTenantAsync();
        await (await tenant.Http.GetAsync("/batch/do-not-call?page=0")).ProblemAsync(HttpStatusCode.BadRequest, "invalid_page");
        await (await tenant.Http.GetAsync("/batch/do-not-call?pageSize=101")).ProblemAsync(HttpStatusCode.BadRequest, "invalid_page_size");
        await (await tenant.Http.PostAsJsonAsync("/batch/do-not-call", new { })).ProblemAsync(HttpStatusCode.BadRequest, "validation_error");
        await (await tenant.Http.PostAsync("/batch/do-not-call", new StringContent("{\"numbers\": 5}", Encoding.UTF8, "application/json")))
            .ProblemAsync(HttpStatusCode.BadRequest, "validation_error");
        var tooMany = Enumerable.Range(0, 100_001).Select(i => $"+1212{2_000_000 + i}").ToArray();
        await (await tenant.Http.PostAsJsonAsync("/batch/do-not-call", new { numbers = tooMany })).ProblemAsync(HttpStatusCode.BadRequest, "too_many_numbers");
        await (await tenant.Http.DeleteAsync("/batch/do-not-call/12025550100")).ProblemAsync(HttpStatusCode.BadRequest, "invalid_phone_format");
        using var anonymous = gateway.ClientWith(null);
        await (await anonymous.GetAsync("/batch/do-not-call")).ProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task A_listed_number_is_never_dialed_whether_listed_before_upload_or_before_the_scheduled_start()
    {
        var tenant = await gateway.NewTenantAsync();
        var (early, late, free) = (NewNumber(), NewNumber(), NewNumber());
        await AddAsync(tenant, early);

        var now = await tenant.CreateJobAsync(Api.Csv(early), ("maxAttempts", "1"));
        var scheduled = await tenant.CreateJobAsync($"phone,simulatedOutcomes\n{late},completed\n{free},completed\n", ("maxAttempts", "1"),
            ("scheduledStartTime", DateTime.UtcNow.AddHours(1).ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)), ("timezone", "UTC"));
        await AddAsync(tenant, late);
        (await tenant.Http.PostAsync($"/batch/jobs/{scheduled}/start", null)).EnsureSuccessStatusCode();

        var blocked = await tenant.WaitForJobAsync(now, Api.StatusIs("completed"));
        var started = await tenant.WaitForJobAsync(scheduled, Api.StatusIs("completed"));
        Assert.Equal(("blocked", "do_not_call", 0), Contact(blocked, 0));
        Assert.Equal(("blocked", "do_not_call", 0), Contact(started, 0));
        Assert.Equal("completed", started.GetProperty("contacts")[1].GetProperty("status").GetString());
        Assert.Equal((0, 1), (await gateway.PlacedForJobAsync(now), await gateway.PlacedForJobAsync(scheduled)));
    }

    [Fact]
    public async Task Over_the_recipient_cap_a_contact_waits_with_its_reason_and_next_retry()
    {
        var tenant = await gateway.NewTenantAsync();
        using var admin = gateway.ClientWith(gateway.AdminToken);
        var organization = $"/admin/organizations/{tenant.OrganizationId}";
        await (await admin.PutAsJsonAsync(organization, new { name = "Capped", recipientCap = new { calls = 1 } }))
            .ProblemAsync(HttpStatusCode.BadRequest, "validation_error");
        await (await admin.PutAsJsonAsync(organization, new { name = "Capped", recipientCap = new { calls = 101, perHours = 24 } }))
            .ProblemAsync(HttpStatusCode.BadRequest, "validation_error");
        var capped = await (await admin.PutAsJsonAsync(organization, new { name = "Capped", recipientCap = new { calls = 1, perHours = 24 } })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal((1, 24), (capped.GetProperty("recipientCap").GetProperty("calls").GetInt32(), capped.GetProperty("recipientCap").GetProperty("perHours").GetInt32()));
        var number = NewNumber();

        var first = await tenant.CreateJobAsync(Api.Csv(number), ("maxAttempts", "1"));
        var called = await tenant.WaitForJobAsync(first, Api.StatusIs("completed"));
        var second = await tenant.CreateJobAsync(Api.Csv(number), ("maxAttempts", "1"));
        var waiting = await tenant.WaitForJobAsync(second, j => j.GetProperty("contacts")[0].GetProperty("waitReason").GetString() == "recipient_cap");

        var contact = waiting.GetProperty("contacts")[0];
        Assert.Equal(("pending", 0), (contact.GetProperty("status").GetString(), contact.GetProperty("attemptCount").GetInt32()));
        var calledAt = called.GetProperty("contacts")[0].GetProperty("lastAttemptAt").GetDateTimeOffset();
        Assert.InRange(contact.GetProperty("nextRetryAt").GetDateTimeOffset(), calledAt.AddHours(24).AddSeconds(-5), calledAt.AddHours(24).AddSeconds(5));
        Assert.Equal("running", waiting.GetProperty("status").GetString());
        Assert.Equal(0, await gateway.PlacedForJobAsync(second));

        // Lifted, the contact is called at its next dial.
        (await admin.PutAsJsonAsync(organization, new { name = "Capped", recipientCap = new { calls = 0 } })).EnsureSuccessStatusCode();
        (await tenant.Http.PostAsync($"/batch/jobs/{second}/cancel", null)).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task Two_jobs_with_the_same_numbers_never_have_two_calls_to_one_number_on_the_line()
    {
        var tenant = await gateway.NewTenantAsync(concurrencyLimit: 10);
        var numbers = Enumerable.Range(0, 3).Select(_ => NewNumber()).ToArray();
        var csv = "phone,simulatedDurationMs\n" + string.Join('\n', numbers.Select(n => n + ",500")) + "\n";

        var jobs = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => tenant.CreateJobAsync(csv, ("maxAttempts", "1"), ("concurrentCallLimit", "3"))));
        foreach (var job in jobs)
        {
            await tenant.WaitForJobAsync(job, Api.StatusIs("completed"), TimeSpan.FromSeconds(60));
        }

        foreach (var number in numbers)
        {
            Assert.Equal(1, await gateway.PeakForNumberAsync(tenant.OrganizationId, number));
        }

        Assert.All(await Task.WhenAll(jobs.Select(gateway.PlacedForJobAsync)), placed => Assert.Equal(3, placed));
    }

    protected static async Task AddAsync(Tenant tenant, string number) =>
        Assert.Equal(1, (await (await tenant.Http.PostAsJsonAsync("/batch/do-not-call", new { numbers = new[] { number } })).JsonAsync(HttpStatusCode.OK))
            .GetProperty("added").GetInt32());

    protected static (string? Status, string? FailureReason, int Attempts) Contact(JsonElement job, int index)
    {
        var contact = job.GetProperty("contacts")[index];
        return (contact.GetProperty("status").GetString(), contact.GetProperty("failureReason").GetString(), contact.GetProperty("attemptCount").GetInt32());
    }
}

[Collection(EmbeddedTests.Name)]
public sealed class DoNotCallTestsOnEmbedded(EmbeddedGateway gateway) : DoNotCallTests(gateway);

/// <summary>On the production profile also: an opt-out in a platform's call event puts the number on the list.</summary>
[Collection(ProductionTests.Name)]
public sealed class DoNotCallTestsOnProduction(ProductionGateway gateway) : DoNotCallTests(gateway)
{
    [Fact]
    public async Task An_opt_out_in_a_call_event_lists_the_number_and_no_later_job_calls_it()
    {
        var tenant = await gateway.NewTenantAsync();
        var number = NewNumber();
        var first = await tenant.CreateJobAsync(Api.Csv(number), ("maxAttempts", "1"));
        await tenant.WaitForJobAsync(first, Api.StatusIs("completed"));

        // The platform reports, late or again, that the person asked not to be called.
        var callId = ContactKey.CallId(first, 0, 1);
        var body = JsonSerializer.Serialize(new { status = "completed", durationSeconds = 1, optOut = true });
        using var events = gateway.ClientWith(null);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/calls/{callId}/events") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        var (id, at) = ("msg_" + Guid.NewGuid().ToString("N"), DateTimeOffset.UtcNow);
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("webhook-signature", new StandardWebhook(PlatformProcess.Secret).Sign(id, at, body));
        Assert.Equal(HttpStatusCode.NoContent, (await events.SendAsync(request)).StatusCode);

        var list = await (await tenant.Http.GetAsync("/batch/do-not-call")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal([number], list.GetProperty("numbers").EnumerateArray().Select(n => n.GetString()));
        var second = await tenant.CreateJobAsync(Api.Csv(number), ("maxAttempts", "1"));
        Assert.Equal(("blocked", "do_not_call", 0), Contact(await tenant.WaitForJobAsync(second, Api.StatusIs("completed")), 0));
        Assert.Equal(0, await gateway.PlacedForJobAsync(second));
    }
}
