namespace BatchCalling.Dialing;

/// <summary>
/// A call the contact asked a dialer to place, as the dialer finds it again to reconcile or hang it up: by its call id where
/// the platform keys calls by it (webhook, simulated); else by <see cref="ProviderCallId"/> when the platform answered one,
/// or by the numbers and the time of the dial (Twilio, which has no idempotency key).
/// </summary>
public sealed record DialedCall(string CallId, DateTimeOffset DialedAt, string To, string From, string? ProviderCallId = null);
