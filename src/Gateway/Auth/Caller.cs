using System.Reflection;

namespace BatchCalling.Gateway.Auth;

/// <summary>The organization whose API key authenticated the request; handlers take it as a parameter.</summary>
public sealed record Caller(string OrganizationId)
{
    public static ValueTask<Caller?> BindAsync(HttpContext context, ParameterInfo parameter) =>
        ValueTask.FromResult(context.User.FindFirst(ApiKeyAuthentication.OrganizationClaim)?.Value is { } organizationId
            ? new Caller(organizationId)
            : null);
}
