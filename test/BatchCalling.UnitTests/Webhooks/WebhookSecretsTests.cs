using BatchCalling.Webhooks;
using Microsoft.AspNetCore.Http;
using StandardWebhooks;
using StandardWebhooks.Diagnostics;

namespace BatchCalling.UnitTests.Webhooks;

/// <summary>Signatures as receivers check them: with the StandardWebhooks library, by each secret the endpoint has had.</summary>
public sealed class WebhookSecretsTests
{
    private const string Body = """{"type":"ping","webhookId":"wh_1","at":"2026-01-01T00:00:00Z"}""";
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    private static readonly string Old = WebhookSecrets.Generate();
    private static readonly string New = WebhookSecrets.Generate();

    private static WebhookEndpoint Endpoint(DateTimeOffset? rotatedAt) =>
        new("wh_1", new Uri("https://hooks.example.com/"), ["job.status_changed"], Now.AddDays(-3), New, rotatedAt is null ? null : Old, rotatedAt);

    private static bool Verifies(string secret, string signature)
    {
        var headers = new HeaderDictionary
        {
            ["webhook-id"] = "evt_1",
            ["webhook-timestamp"] = Now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["webhook-signature"] = signature,
        };
        try
        {
            new StandardWebhook(secret).Verify(Body, headers);
            return true;
        }
        catch (WebhookVerificationException)
        {
            return false;
        }
    }

    [Fact]
    public void A_secret_is_a_standard_webhooks_secret_of_32_random_bytes()
    {
        var secret = WebhookSecrets.Generate();

        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.Equal(32, Convert.FromBase64String(secret["whsec_".Length..]).Length);
        Assert.NotEqual(secret, WebhookSecrets.Generate());
    }

    [Fact]
    public void Without_a_rotation_one_signature_with_the_secret()
    {
        var header = WebhookSecrets.SignatureHeader(Endpoint(null), "evt_1", Now, Body, Now);

        Assert.Single(header.Split(' '));
        Assert.True(Verifies(New, header));
        Assert.False(Verifies(Old, header));
    }

    [Fact]
    public void For_a_day_after_a_rotation_both_secrets_verify()
    {
        var header = WebhookSecrets.SignatureHeader(Endpoint(Now.AddHours(-23)), "evt_1", Now, Body, Now);

        Assert.True(Verifies(New, header));
        Assert.True(Verifies(Old, header));
    }

    [Fact]
    public void A_day_after_a_rotation_only_the_new_secret_signs()
    {
        var header = WebhookSecrets.SignatureHeader(Endpoint(Now.AddHours(-24)), "evt_1", Now, Body, Now);

        Assert.True(Verifies(New, header));
        Assert.False(Verifies(Old, header));
    }

    [Fact]
    public void The_library_receivers_use_never_checks_the_last_of_several_signatures_hence_the_repeat()
    {
        var current = new StandardWebhook(New).Sign("evt_1", Now, Body);
        var previous = new StandardWebhook(Old).Sign("evt_1", Now, Body);

        Assert.False(Verifies(Old, $"{current} {previous}"));
        Assert.True(Verifies(Old, $"{current} {previous} {current}"));
    }
}
