namespace BatchCalling.Organizations;

/// <summary>How a phone number's calls are placed. Stored by number: new members go at the end.</summary>
public enum DialerType : byte
{
    /// <summary>No telephony: outcomes and durations scripted, in the silo's memory. For demos and tests.</summary>
    Simulated,

    /// <summary>A customer's voice platform speaking the webhook protocol of API.md.</summary>
    Webhook,

    /// <summary>The customer's Twilio account, through Twilio's Calls API; the agent answers at the dialer's TwiML URL.</summary>
    Twilio,
}
