namespace BatchCalling.Gateway.Auth;

/// <summary>
/// One authorization policy per kind of caller, each with its own scheme, so a request is authenticated only by the
/// scheme of its route: an admin call never looks up an API key, and a batch call never compares the admin token.
/// </summary>
public static class AuthPolicies
{
    public const string ApiKey = "api-key";
    public const string Admin = "admin";

    public static IServiceCollection AddBatchAuth(this IServiceCollection services)
    {
        // No default scheme: UseAuthentication authenticates nothing by itself; each route's policy names its scheme.
        services.AddAuthentication()
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, AdminAuthentication>(AdminAuthentication.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(ApiKey, p => p.AddAuthenticationSchemes(ApiKeyAuthentication.SchemeName).RequireAuthenticatedUser())
            .AddPolicy(Admin, p => p.AddAuthenticationSchemes(AdminAuthentication.SchemeName).RequireAuthenticatedUser());
        return services;
    }
}
