using BatchCalling.Gateway.Errors;
using BatchCalling.Networking;
using BatchCalling.Organizations;
using Microsoft.AspNetCore.Http.HttpResults;
using StandardWebhooks;

namespace BatchCalling.Gateway.Admin;

/// <summary>A phone number's <c>dialer</c> as the admin API takes it: checked, its URL allowed, its secret kept when omitted.</summary>
public static class DialerRequests
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
            return (null, ApiProblem.Validation("dialer.type", "Must be 'simulated' or 'webhook'."));
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

        var secret = request.Secret ?? (previous?.Dialer is { Type: var kept, Secret: { } old } && kept == type ? old : null);
        return secret is null ? (null, ApiProblem.Validation("dialer.secret", "Is required for a webhook dialer (a Standard Webhooks secret, whsec_ and base64)."))
            : !IsSecret(secret) ? (null, ApiProblem.Validation("dialer.secret", "Must be a Standard Webhooks secret: whsec_ followed by base64."))
            : (new DialerSettings(type, url, secret), null);
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
}
