using System.Security.Cryptography;
using StandardWebhooks;

namespace BatchCalling.Webhooks;

/// <summary>
/// Endpoint secrets (Standard Webhooks: <c>whsec_</c> and base64 of 32 random bytes) and the signature header they make.
/// After a rotation the previous secret signs too, for <see cref="RotationOverlap"/>, so receivers can switch at leisure.
/// </summary>
public static class WebhookSecrets
{
    public static readonly TimeSpan RotationOverlap = TimeSpan.FromHours(24);

    public static string Generate() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>
    /// The <c>webhook-signature</c> header of a message: the current secret's signature, and while the previous secret is
    /// still honoured, that one's too. Then the current one is repeated last, because StandardWebhooks 1.1.2's
    /// <c>Verify</c> (the reference library receivers use) never checks the last signature of several: with the previous
    /// secret's in the middle and the current one first, a receiver verifies with either secret. A receiver that checks
    /// every signature, as the specification says, is not misled by a repeat.
    /// </summary>
    public static string SignatureHeader(WebhookEndpoint endpoint, string messageId, DateTimeOffset timestamp, string body, DateTimeOffset now)
    {
        var current = new StandardWebhook(endpoint.Secret).Sign(messageId, timestamp, body);
        return endpoint is { PreviousSecret: { } previous, SecretRotatedAt: { } rotatedAt } && now - rotatedAt < RotationOverlap
            ? $"{current} {new StandardWebhook(previous).Sign(messageId, timestamp, body)} {current}"
            : current;
    }
}
