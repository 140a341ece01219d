using System.Net.Http.Headers;
using System.Text;

namespace BatchCalling.Gateway.Auth;

/// <summary>Reads the password of an <c>Authorization: Basic …</c> header (RFC 7617); the user name is ignored.</summary>
public static class BasicPassword
{
    public static string? From(HttpRequest request)
    {
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization.ToString(), out var header)
            || !"Basic".Equals(header.Scheme, StringComparison.OrdinalIgnoreCase) || header.Parameter is null)
        {
            return null;
        }

        var decoded = new byte[header.Parameter.Length];
        if (!Convert.TryFromBase64String(header.Parameter, decoded, out var length))
        {
            return null;
        }

        var pair = Encoding.UTF8.GetString(decoded, 0, length);
        var colon = pair.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? null : pair[(colon + 1)..];
    }
}
