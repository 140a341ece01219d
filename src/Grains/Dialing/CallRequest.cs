using BatchCalling.Contacts;

namespace BatchCalling.Dialing;

/// <summary>
/// A call to place. <see cref="CallId"/> is the dialer's idempotency key: the same id never rings twice.
/// <see cref="MaxDuration"/> is when the platform ends the call itself.
/// </summary>
public sealed record CallRequest(
    string CallId,
    string OrganizationId,
    string JobId,
    int Attempt,
    string FromNumber,
    string AgentId,
    ContactInput Contact,
    string? MetadataJson,
    TimeSpan MaxDuration)
{
    /// <summary>How long a call rings before it counts as not answered: what carriers and platforms commonly use.</summary>
    public const int RingTimeoutSeconds = 30;
}
