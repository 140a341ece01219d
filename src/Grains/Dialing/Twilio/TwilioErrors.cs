using System.Globalization;
using System.Text.Json;

namespace BatchCalling.Dialing.Twilio;

/// <summary>Twilio's error codes (<c>{"code": 21211, "message": …}</c> on a refused request, <c>ErrorCode</c> on a callback) as our <c>errorCode</c>.</summary>
internal static class TwilioErrors
{
    public static string Code(int code) => "twilio_" + code.ToString(CultureInfo.InvariantCulture);

    /// <summary><c>twilio_&lt;code&gt;</c> from a refusal's body, else <c>http_&lt;status&gt;</c>.</summary>
    public static async Task<string> OfAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
            if (body.RootElement.ValueKind == JsonValueKind.Object && body.RootElement.TryGetProperty("code", out var code)
                && code.ValueKind == JsonValueKind.Number && code.TryGetInt32(out var number))
            {
                return Code(number);
            }
        }
        catch (JsonException)
        {
            // No body of Twilio's: the status says it.
        }

        return "http_" + ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
    }
}
