using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using BatchCalling.SimulatedPlatform.Hosting;
using Microsoft.Extensions.Options;

namespace BatchCalling.SimulatedPlatform.Twilio;

/// <summary>
/// Lets through only requests for the configured account (<c>{accountSid}</c> of the path) with its credentials in HTTP
/// Basic auth, as Twilio does; anything else is <c>401</c> with Twilio's error 20003.
/// </summary>
public sealed partial class TwilioAccount(IOptions<PlatformOptions> options) : IEndpointFilter
{
    public static bool IsSid(string sid) => Sid().IsMatch(sid);

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var twilio = options.Value.Twilio;
        var http = context.HttpContext;
        return twilio.Enabled
            && http.GetRouteValue("accountSid") as string == twilio.AccountSid
            && AuthenticationHeaderValue.TryParse(http.Request.Headers.Authorization, out var header)
            && header is { Scheme: "Basic", Parameter: { } credentials }
            && Matches(credentials, $"{twilio.AccountSid}:{twilio.AuthToken}")
            ? await next(context)
            : TwilioErrors.Result(StatusCodes.Status401Unauthorized, 20003, "Authenticate");
    }

    private static bool Matches(string base64, string expected)
    {
        var given = new byte[base64.Length];
        return Convert.TryFromBase64String(base64, given, out var length)
            && CryptographicOperations.FixedTimeEquals(given.AsSpan(0, length), Encoding.UTF8.GetBytes(expected));
    }

    [GeneratedRegex("^AC[0-9a-fA-F]{32}$")]
    private static partial Regex Sid();
}
