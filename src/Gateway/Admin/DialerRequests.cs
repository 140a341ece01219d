using System.Text.RegularExpressions;
using BatchCalling.Gateway.Errors;
using BatchCalling.Networking;
using BatchCalling.Organizations;
using Microsoft.AspNetCore.Http.HttpResults;
using StandardWebhooks;

namespace BatchCalling.Gateway.Admin;

/// <summary>
/// A phone number's <c>dialer</c> as the admin API takes it: checked, its URL allowed, its secret (webhook) or auth token
/// (twilio, same account) kept from the number's previous dialer of that type when omitted.
/// </summary>
public static partial class DialerRequests
{
    /// <summary>The settings to store, or the problem with the request.</summary>
    public static async Task<(DialerSettings? Settings, ProblemHttpResult? Problem)> ReadAsync(
        DialerRequest? request, PhoneNumber? previous, bool allowPrivate, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            return (null, null);
        }

        if (!WireNames.TryParse<DialerType>(request.Type, out var type))
        {
            return (null, ApiProblem.Validation("dialer.type", "Must be 'simulated', 'webhook' or 'twilio'."));
        }

        if (type == DialerType.Simulated)
        {
            return (new DialerSettings(type), null);
        }

        var url = Uri.TryCreate(request.Url, UriKind.Absolute, out var parsed) ? parsed : null;
        if (await PublicAddresses.RefusalAsync(url, allowPrivate, cancellationToken) is { } refusal)
        {
            return (null, ApiProblem.Validation("dialer.url", refusal));
        }

        return type == DialerType.Twilio ? Twilio(request, previous?.Dialer, url!) : Webhook(request, previous?.Dialer, url!);
    }

    private static (DialerSettings?, ProblemHttpResult?) Webhook(DialerRequest request, DialerSettings? previous, Uri url)
    {
        var secret = request.Secret ?? (previous is { Type: DialerType.Webhook, Secret: { } old } ? old : null);
        return secret is null ? (null, ApiProblem.Validation("dialer.secret", "Is required for a webhook dialer (a Standard Webhooks secret, whsec_ and base64)."))
            : !IsSecret(secret) ? (null, ApiProblem.Validation("dialer.secret", "Must be a Standard Webhooks secret: whsec_ followed by base64."))
            : (new DialerSettings(DialerType.Webhook, url, secret), null);
    }

    /// <summary>A token is kept only for the same account: another account's token would not authenticate it.</summary>
    private static (DialerSettings?, ProblemHttpResult?) Twilio(DialerRequest request, DialerSettings? previous, Uri url)
    {
        if (request.AccountSid is not { } accountSid || !AccountSid().IsMatch(accountSid))
        {
            return (null, ApiProblem.Validation("dialer.accountSid", "Is required for a twilio dialer: AC followed by 32 hexadecimal digits."));
        }

        var token = request.AuthToken
            ?? (previous is { Type: DialerType.Twilio, AuthToken: { } old } && previous.AccountSid == accountSid ? old : null);
        return token is null || token.Length > 200 || token.Any(char.IsWhiteSpace)
            ? (null, ApiProblem.Validation("dialer.authToken", "Is required for a twilio dialer (the account's auth token), unless the number's twilio dialer of that account has one."))
            : (new DialerSettings(DialerType.Twilio, url, AccountSid: accountSid, AuthToken: token, MachineDetection: request.MachineDetection ?? false), null);
    }

    private static bool IsSecret(string secret)
    {
        try
        {
            _ = new StandardWebhook(secret);
            return secret.Length > "whsec_".Length;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            return false;
        }
    }

    [GeneratedRegex("^AC[0-9a-fA-F]{32}$")]
    private static partial Regex AccountSid();
}
