using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace BatchCalling.Gateway.Auth;

/// <summary>
/// The admin token on the operators' pages (<c>/dashboard</c>, <c>/metrics</c>): as a bearer token, or as the password of
/// HTTP Basic auth (any user name), since a browser navigating to the dashboard sends no bearer header but asks for Basic
/// credentials when challenged, and then sends them with each of the dashboard's own requests.
/// </summary>
public sealed class OperatorAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AdminToken token) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Operator";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync() =>
        Task.FromResult(token.Matches(BearerToken.From(Request) ?? BasicPassword.From(Request))
            ? AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(SchemeName)), SchemeName))
            : AuthenticateResult.NoResult());

    /// <summary>A bare 401 with a Basic challenge, which makes a browser ask for the credentials.</summary>
    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Basic realm=\"batch-calling operators\", charset=\"UTF-8\"";
        return Task.CompletedTask;
    }
}
