using System.Security.Claims;
using System.Text.Encodings.Web;
using BatchCalling.Gateway.Errors;
using BatchCalling.Organizations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace BatchCalling.Gateway.Auth;

/// <summary>
/// <c>Authorization: Bearer &lt;api key&gt;</c>: the key's hash names its organization. A missing or unknown key is
/// answered 401 <c>unauthorized</c> as a problem document; an address that keeps presenting unknown keys, 429 <c>rate_limited</c>.
/// </summary>
public sealed class ApiKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IGrainFactory grains,
    UnknownKeyLimiter unknownKeys) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string OrganizationClaim = "batch:org";

    private bool _rateLimited;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (BearerToken.From(Request) is not { } key)
        {
            return AuthenticateResult.NoResult();
        }

        var address = Context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var hash = ApiKeys.Hash(key);
        if (!unknownKeys.MayLookUp(address, hash))
        {
            _rateLimited = true;
            return AuthenticateResult.Fail("Too many unknown API keys from this address");
        }

        if (await grains.GetGrain<IApiKeyGrain>(hash).GetOrganizationAsync() is not { } organizationId)
        {
            unknownKeys.CountFailure(address);
            return AuthenticateResult.Fail("Unknown API key");
        }

        unknownKeys.RememberValid(hash);

        var identity = new ClaimsIdentity([new Claim(OrganizationClaim, organizationId)], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (!_rateLimited)
        {
            return ApiProblem.Of(StatusCodes.Status401Unauthorized, "unauthorized", "Missing or invalid API key").ExecuteAsync(Context);
        }

        Response.Headers.RetryAfter = ((int)UnknownKeyLimiter.Period.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return ApiProblem.Of(StatusCodes.Status429TooManyRequests, "rate_limited", "Too many unknown API keys from this address; retry later.").ExecuteAsync(Context);
    }
}
