namespace BatchCalling.Organizations;

/// <summary>
/// A dialer and what it needs to reach its platform: a phone number's (admin API <c>dialer</c>) or the deployment's default
/// (configuration <c>Dialer:Default</c>). The secret is write-only: never shown.
/// </summary>
[GenerateSerializer, Immutable, Alias("batch.dialer-settings")]
public sealed record DialerSettings(
    [property: Id(0)] DialerType Type,
    [property: Id(1)] Uri? Url = null,
    [property: Id(2)] string? Secret = null);
