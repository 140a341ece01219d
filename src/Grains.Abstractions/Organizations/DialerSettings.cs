namespace BatchCalling.Organizations;

/// <summary>A dialer and what it needs to reach its platform (configuration <c>Dialer:Default</c>). The secret is never shown.</summary>
[GenerateSerializer, Alias("batch.dialer-settings")]
public sealed class DialerSettings
{
    [Id(0)] public DialerType? Type { get; set; }

    /// <summary>The platform's calls endpoint (webhook).</summary>
    [Id(1)] public Uri? Url { get; set; }

    /// <summary>The Standard Webhooks secret (<c>whsec_</c> and base64) both directions are signed with.</summary>
    [Id(2)] public string? Secret { get; set; }
}
