using System.Security.Cryptography;
using System.Text;

namespace BatchCalling.SimulatedPlatform.Twilio;

/// <summary>
/// <c>X-Twilio-Signature</c> (TELEPHONY.md): base64 of HMAC-SHA1, keyed with the auth token, over the full callback URL
/// followed by every POST parameter's name and value, sorted by name (ordinal), concatenated.
/// </summary>
public static class TwilioSignature
{
    public const string Header = "X-Twilio-Signature";

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5350", Justification = "Twilio's signature is HMAC-SHA1: the receiver checks exactly that.")]
    public static string Sign(string authToken, string url, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var signed = new StringBuilder(url);
        foreach (var (name, value) in fields.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            signed.Append(name).Append(value);
        }

        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(signed.ToString())));
    }
}
