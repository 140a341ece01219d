using Microsoft.Extensions.Configuration;

namespace BatchCalling.Dialing;

/// <summary>
/// Where platforms reach the gateway (configuration <c>Gateway:PublicUrl</c>): a dial names its call's events address
/// from it. The embedded gateway, which hosts its silo, fills in its own first listening address when none is configured.
/// </summary>
public sealed class EventsAddress(IConfiguration configuration)
{
    private string? _baseUrl = configuration["Gateway:PublicUrl"] is { Length: > 0 } configured ? configured.TrimEnd('/') : null;

    public bool IsKnown => _baseUrl is not null;

    private string BaseUrl => _baseUrl ?? throw new InvalidOperationException("Gateway:PublicUrl is not set: platforms would not know where to send call events.");

    public void UseIfUnset(Uri listening) => _baseUrl ??= listening.ToString().TrimEnd('/');

    /// <summary>Where the platform posts the events of call <paramref name="callId"/>.</summary>
    public Uri For(string callId) => new($"{BaseUrl}/calls/{Uri.EscapeDataString(callId)}/events");

    /// <summary>
    /// Where Twilio posts the status callbacks of call <paramref name="callId"/>. Its signature covers this address exactly
    /// as the dial gave it, so the callback is checked against this, never against the address the request arrived at.
    /// </summary>
    public string TwilioStatusFor(string callId) => new Uri($"{BaseUrl}/twilio/calls/{Uri.EscapeDataString(callId)}/status").AbsoluteUri;
}
