namespace BatchCalling.SimulatedPlatform.Twilio;

/// <summary>
/// What a call placed on the Twilio subset has beyond any call: its sid (<c>CA…</c>), account and numbers, whether its dial
/// asked for machine detection (only then does Twilio say who answered), and when it was created.
/// </summary>
public sealed record TwilioCallInfo(string Sid, string AccountSid, string To, string From, bool MachineDetection, DateTimeOffset CreatedAt)
{
    /// <summary>Column <c>protocol</c> of a call placed on the Twilio subset (<c>webhook</c> for the others).</summary>
    public const string Protocol = "twilio";

    public static string NewSid() => "CA" + Guid.NewGuid().ToString("N");
}
