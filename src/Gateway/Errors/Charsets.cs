using System.Text;
using Microsoft.Net.Http.Headers;

namespace BatchCalling.Gateway.Errors;

/// <summary>
/// A body in a charset .NET does not know is refused up front with 415: the JSON binder would otherwise throw while
/// reading it, which is the client's mistake, not a server fault.
/// </summary>
public static class Charsets
{
    public static IApplicationBuilder UseKnownCharsetsOnly(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var type)
                && HeaderUtilities.RemoveQuotes(type.Charset).Value is { Length: > 0 } charset
                && !IsKnown(charset))
            {
                await ApiProblem.Of(StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type",
                    $"The charset '{charset}' is not supported; send UTF-8.").ExecuteAsync(context);
                return;
            }

            await next(context);
        });

    private static bool IsKnown(string charset)
    {
        try
        {
            _ = Encoding.GetEncoding(charset);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
