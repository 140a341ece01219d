using System.Security.Claims;
using System.Text.Encodings.Web;
using BatchCalling.Gateway.Errors;
using BatchCalling.Organizations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace BatchCalling.Gateway.Auth;

/// <summary>
/// <c>Authorization: Bearer &lt;api key&gt;</c>: the key's hash names its organization. A missing or unknown key is
/// answered 401 <c>unauthorized</c> as a problem document.
/// </summary>
public sealed class ApiKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IGrainFactory grains) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string OrganizationClaim = "batch:org";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (BearerToken.From(Request) is not { } key)
        {
            return AuthenticateResult.NoResult();
        }

        if (await ApiKeys.ResolveAsync(grains, key) is not { } organizationId)
        {
            return AuthenticateResult.Fail("Unknown API key");
        }

        var identity = new ClaimsIdentity([new Claim(OrganizationClaim, organizationId)], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        ApiProblem.Of(StatusCodes.Status401Unauthorized, "unauthorized", "Missing or invalid API key").ExecuteAsync(Context);
}
