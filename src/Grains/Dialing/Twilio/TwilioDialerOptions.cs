namespace BatchCalling.Dialing.Twilio;

/// <summary>Configuration section <c>Dialer:Twilio</c>: where Twilio's REST API is (a local platform in tests).</summary>
public sealed class TwilioDialerOptions
{
    public const string Section = "Dialer:Twilio";

    public Uri BaseUrl { get; set; } = new("https://api.twilio.com");
}
