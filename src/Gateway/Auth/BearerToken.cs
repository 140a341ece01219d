namespace BatchCalling.Gateway.Auth;

/// <summary>Reads the token of an <c>Authorization: Bearer …</c> header.</summary>
public static class BearerToken
{
    public static string? From(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string prefix = "Bearer ";
        return header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && header.Length > prefix.Length
            ? header[prefix.Length..].Trim()
            : null;
    }
}
