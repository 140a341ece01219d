using System.Security.Claims;
using System.Text.Encodings.Web;
using BatchCalling.Gateway.Errors;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace BatchCalling.Gateway.Auth;

/// <summary><c>Authorization: Bearer &lt;admin token&gt;</c> on the admin API; anything else is 401 <c>unauthorized</c>.</summary>
public sealed class AdminAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AdminToken token) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Admin";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync() =>
        Task.FromResult(token.Matches(BearerToken.From(Request))
            ? AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(SchemeName)), SchemeName))
            : AuthenticateResult.NoResult());

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        ApiProblem.Of(StatusCodes.Status401Unauthorized, "unauthorized", "Missing or invalid admin token").ExecuteAsync(Context);
}
