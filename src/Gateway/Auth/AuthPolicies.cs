namespace BatchCalling.Gateway.Auth;

/// <summary>
/// One authorization policy per kind of caller, each with its own scheme, so a request is authenticated only by the
/// scheme of its route: an admin call never looks up an API key, and a batch call never compares the admin token.
/// </summary>
public static class AuthPolicies
{
    public const string ApiKey = "api-key";
    public const string Admin = "admin";

    /// <summary>The operators' pages: the admin token as a bearer token or a Basic password.</summary>
    public const string Operator = "operator";

    public static IServiceCollection AddBatchAuth(this IServiceCollection services)
    {
        // No default scheme: UseAuthentication authenticates nothing by itself; each route's policy names its scheme.
        services.AddAuthentication()
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, AdminAuthentication>(AdminAuthentication.SchemeName, null)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, OperatorAuthentication>(OperatorAuthentication.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(ApiKey, p => p.AddAuthenticationSchemes(ApiKeyAuthentication.SchemeName).RequireAuthenticatedUser())
            .AddPolicy(Admin, p => p.AddAuthenticationSchemes(AdminAuthentication.SchemeName).RequireAuthenticatedUser())
            .AddPolicy(Operator, p => p.AddAuthenticationSchemes(OperatorAuthentication.SchemeName).RequireAuthenticatedUser());
        return services;
    }
}
