namespace BatchCalling.Organizations;

/// <summary>
/// A dialer and what it needs to reach its platform: a phone number's (admin API <c>dialer</c>) or the deployment's default
/// (configuration <c>Dialer:Default</c>). The secret and the auth token are write-only: never shown. For <c>twilio</c>,
/// <see cref="Url"/> is the agent's TwiML (or stream) URL that Twilio fetches when the call connects.
/// </summary>
[GenerateSerializer, Immutable, Alias("batch.dialer-settings")]
public sealed record DialerSettings(
    [property: Id(0)] DialerType Type,
    [property: Id(1)] Uri? Url = null,
    [property: Id(2)] string? Secret = null,
    [property: Id(3)] string? AccountSid = null,
    [property: Id(4)] string? AuthToken = null,
    [property: Id(5)] bool MachineDetection = false);
