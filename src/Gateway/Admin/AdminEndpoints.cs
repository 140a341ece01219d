using BatchCalling.Hosting;
using BatchCalling.Gateway.Auth;
using BatchCalling.Gateway.Errors;
using BatchCalling.Networking;
using BatchCalling.Organizations;
using BatchCalling.Gateway.Parsing;
using BatchCalling.Throttling;
using BatchCalling.Gateway.OpenApi;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BatchCalling.Gateway.Admin;

/// <summary>The admin API: organizations, their API keys, caller numbers and credits, behind the admin token.</summary>
public static class AdminEndpoints
{
    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder routes)
    {
        var organizations = routes.MapGroup("/admin/organizations/{orgId}").RequireAuthorization(AuthPolicies.Admin).AddEndpointFilter(BlankIdsAreRefused)
            .WithTags("Admin")
            .Problem(StatusCodes.Status400BadRequest, "validation_error")
            .Problem(StatusCodes.Status401Unauthorized, "unauthorized")
            .Problem(StatusCodes.Status500InternalServerError, "internal_error")
            .Problem(StatusCodes.Status503ServiceUnavailable, "service_unavailable");
        organizations.MapPut("/", UpsertOrganizationAsync).WithName("UpsertOrganization").WithSummary("Create or update an organization")
            .WithDescription("Creates the organization, or updates its name, ceiling, `callsPerSecond` (calls started per second across its numbers; 0 lifts it) " +
                "and `recipientCap` (`{ \"calls\": 3, \"perHours\": 24 }`: no number called more often across its jobs in any such sliding period; `calls` 0 lifts it); " +
                "`credits` is the opening balance of a new one.");
        organizations.MapGet("/", GetOrganizationAsync).WithName("GetOrganization").WithSummary("An organization, with the slots its jobs hold now")
            .WithDescription("Settings, credits, caller numbers and `slotsInUse`: how much of its ceiling its jobs hold right now.")
            .Problem(StatusCodes.Status404NotFound, OrganizationNotFoundCode);
        organizations.MapPost("/api-keys", CreateApiKeyAsync).WithName("CreateApiKey").WithSummary("Issue an API key (shown once)")
            .WithDescription("Only the key's hash is stored; the key itself is in this answer and nowhere else. Every gateway honours it at once.")
            .Problem(StatusCodes.Status404NotFound, OrganizationNotFoundCode);
        organizations.MapGet("/api-keys", ListApiKeysAsync).WithName("ListApiKeys").WithSummary("The organization's API keys, never the keys themselves")
            .WithDescription("Each key's id, first characters, when it was made and when it was last used (to the minute).")
            .Problem(StatusCodes.Status404NotFound, OrganizationNotFoundCode);
        organizations.MapDelete("/api-keys/{keyId}", RevokeApiKeyAsync).WithName("RevokeApiKey").WithSummary("Revoke an API key")
            .WithDescription("The key authenticates nothing from this answer on, on every gateway.")
            .Problem(StatusCodes.Status404NotFound, OrganizationNotFoundCode, ApiKeyNotFoundCode);
        organizations.MapPut("/phone-numbers/{phoneNumberId}", SetPhoneNumberAsync).WithName("SetPhoneNumber").WithSummary("Add or replace a caller number")
            .WithDescription("An E.164 number, its outbound agent (may be null: jobs then fail with `no_outbound_agent`), the agent's architecture, which sets the price, " +
                "and the `dialer` that places its calls (none: the deployment's default): `simulated`, `webhook` (`url`, `secret`) or `twilio` (`accountSid`, " +
                "`authToken`, the agent's TwiML `url`, `machineDetection`), and `callsPerSecond`, how many calls may start from it per second (none: no limit; a twilio number 1). A dialer's secret or auth token is write-only: answers say only `hasSecret`, and a " +
                "replaced number whose dialer omits it keeps the one it had (for twilio, of the same account). Dialer URLs must resolve to public addresses unless `Network:AllowPrivateAddresses`.")
            .Problem(StatusCodes.Status404NotFound, OrganizationNotFoundCode);
        organizations.MapPost("/credits", AddCreditsAsync).WithName("AddCredits").WithSummary("Add (or, when negative, subtract) credits")
            .WithDescription("Answers the new balance in USD.")
            .Problem(StatusCodes.Status404NotFound, OrganizationNotFoundCode);
        return routes;
    }

    private static async Task<Results<Ok<OrganizationResponse>, ProblemHttpResult>> UpsertOrganizationAsync(
        string orgId, OrganizationRequest body, IGrainFactory grains)
    {
        if (string.IsNullOrWhiteSpace(body.Name) || body.Name.Length > 200)
        {
            return ApiProblem.Validation("name", "Is required, at most 200 characters.");
        }

        if (body.ConcurrencyLimit is < 1 or > 10_000)
        {
            return ApiProblem.Validation("concurrencyLimit", "Must be from 1 to 10000.");
        }

        if (body.Credits is < -MaxCredits or > MaxCredits)
        {
            return ApiProblem.Validation("credits", CreditsRange);
        }

        if (body.CallsPerSecond is < 0 or > MaxCallsPerSecond)
        {
            return ApiProblem.Validation("callsPerSecond", "Must be from 0 (no limit) to 10000.");
        }

        var (cap, capProblem) = ReadRecipientCap(body.RecipientCap);
        if (capProblem is not null)
        {
            return capProblem;
        }

        var settings = new OrganizationSettings(body.Name, body.ConcurrencyLimit, body.Credits, body.CallsPerSecond, cap);
        var organization = await grains.GetGrain<IOrganizationGrain>(orgId).UpsertAsync(settings);
        return TypedResults.Ok(new OrganizationResponse(organization, await grains.GetGrain<IOrganizationThrottleGrain>(orgId).GetHeldAsync()));
    }

    /// <summary>A recipient cap as asked: none (omitted), lifted (<c>calls</c> 0), or 1–100 calls in 1–720 hours (30 days).</summary>
    private static (RecipientCap? Cap, ProblemHttpResult? Problem) ReadRecipientCap(RecipientCapRequest? cap) => cap switch
    {
        null => (null, null),
        { Calls: 0 } => (new RecipientCap(0, 0), null),
        { Calls: not (>= 1 and <= 100) } => (null, ApiProblem.Validation("recipientCap.calls", "Must be from 1 to 100, or 0 to lift the cap.")),
        { PerHours: not (>= 1 and <= 720) } => (null, ApiProblem.Validation("recipientCap.perHours", "Must be from 1 to 720 (30 days).")),
        _ => (new RecipientCap(cap.Calls.Value, cap.PerHours.Value), null),
    };

    /// <summary>The organization, with how many of its ceiling's slots its jobs hold right now.</summary>
    private static async Task<Results<Ok<OrganizationResponse>, ProblemHttpResult>> GetOrganizationAsync(string orgId, IGrainFactory grains) =>
        await grains.GetGrain<IOrganizationGrain>(orgId).GetAsync() is { } organization
            ? TypedResults.Ok(new OrganizationResponse(organization, await grains.GetGrain<IOrganizationThrottleGrain>(orgId).GetHeldAsync()))
            : OrganizationNotFound();

    private static async Task<Results<Created<ApiKeyResponse>, ProblemHttpResult>> CreateApiKeyAsync(string orgId, IGrainFactory grains) =>
        await ApiKeys.IssueAsync(grains, orgId) is { } key
            ? TypedResults.Created((string?)null, new ApiKeyResponse(key, ApiKeys.KeyId(ApiKeys.Hash(key))))
            : OrganizationNotFound();

    private static async Task<Results<Ok<ApiKeyListResponse>, ProblemHttpResult>> ListApiKeysAsync(string orgId, IGrainFactory grains) =>
        await grains.GetGrain<IOrganizationGrain>(orgId).ListApiKeysAsync() is { } keys
            ? TypedResults.Ok(new ApiKeyListResponse(keys))
            : OrganizationNotFound();

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeApiKeyAsync(string orgId, string keyId, IGrainFactory grains) =>
        await grains.GetGrain<IOrganizationGrain>(orgId).RevokeApiKeyAsync(keyId) switch
        {
            null => OrganizationNotFound(),
            false => ApiProblem.Of(StatusCodes.Status404NotFound, ApiKeyNotFoundCode, "API key not found"),
            true => TypedResults.NoContent(),
        };

    private static async Task<Results<Ok<PhoneNumberResponse>, ProblemHttpResult>> SetPhoneNumberAsync(
        string orgId, string phoneNumberId, PhoneNumberRequest body, IGrainFactory grains, BatchProfile profile, CancellationToken aborted)
    {
        if (PhoneNumberRules.Check(body.Number) is not null)
        {
            return ApiProblem.Validation("number", "Must be a valid E.164 number such as +12025550100.");
        }

        var architecture = AgentArchitecture.Pipeline;
        if (body.AgentArchitecture is not null && !WireNames.TryParse(body.AgentArchitecture, out architecture))
        {
            return ApiProblem.Validation("agentArchitecture", "Must be 'pipeline' or 'realtime'.");
        }

        if (body.CallsPerSecond is <= 0 or > MaxCallsPerSecond)
        {
            return ApiProblem.Validation("callsPerSecond", "Must be above 0 and at most 10000 (omit it for no limit).");
        }

        var organization = grains.GetGrain<IOrganizationGrain>(orgId);
        var previous = body.Dialer is { Secret: null, AuthToken: null } ? (await organization.GetAsync())?.PhoneNumbers.FirstOrDefault(p => p.Id == phoneNumberId) : null;
        var (dialer, problem) = await DialerRequests.ReadAsync(body.Dialer, previous, profile.AllowPrivateAddresses, aborted);
        if (problem is not null)
        {
            return problem;
        }

        var number = new PhoneNumber(phoneNumberId, body.Number!, string.IsNullOrEmpty(body.OutboundAgentId) ? null : body.OutboundAgentId, architecture, dialer,
            body.CallsPerSecond);
        return await organization.SetPhoneNumberAsync(number) ? TypedResults.Ok(new PhoneNumberResponse(number)) : OrganizationNotFound();
    }

    private static async Task<Results<Ok<CreditsResponse>, ProblemHttpResult>> AddCreditsAsync(string orgId, CreditsRequest body, IGrainFactory grains)
    {
        if (body.Amount is not { } amount || amount is < -MaxCredits or > MaxCredits)
        {
            return ApiProblem.Validation("amount", "Is required. " + CreditsRange);
        }

        return await grains.GetGrain<IOrganizationGrain>(orgId).AddCreditsAsync(amount) is { } credits
            ? TypedResults.Ok(new CreditsResponse(credits))
            : OrganizationNotFound();
    }

    private static readonly string[] IdParameters = ["orgId", "phoneNumberId", "keyId"];

    /// <summary>An organization or phone number id that is blank is no id (Orleans refuses such grain keys).</summary>
    private static async ValueTask<object?> BlankIdsAreRefused(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        foreach (var name in IdParameters)
        {
            if (context.HttpContext.Request.RouteValues.TryGetValue(name, out var value) && string.IsNullOrWhiteSpace(value as string))
            {
                return ApiProblem.Validation(name, "Must not be blank.");
            }
        }

        return await next(context);
    }

    private const string OrganizationNotFoundCode = "organization_not_found";

    /// <summary>Far above any platform's rate; keeps a pacing interval above a tick.</summary>
    private const double MaxCallsPerSecond = 10_000;
    private const string ApiKeyNotFoundCode = "api_key_not_found";

    /// <summary>A bound far above any real balance that keeps every sum of credits inside a decimal.</summary>
    private const decimal MaxCredits = 1_000_000_000m;

    private const string CreditsRange = "Must be from -1000000000 to 1000000000 (USD).";

    private static ProblemHttpResult OrganizationNotFound() =>
        ApiProblem.Of(StatusCodes.Status404NotFound, OrganizationNotFoundCode, "Organization not found");
}
