using System.Globalization;
using BatchCalling.SimulatedPlatform.Calls;

namespace BatchCalling.SimulatedPlatform.Twilio;

/// <summary>
/// A simulated call in Twilio's words (TELEPHONY.md): its <c>CallStatus</c>, who answered, its SIP code and its duration.
/// A call that ran to its limit (<c>timeout</c>) or reached voicemail is <c>completed</c> to Twilio; a call hung up is
/// <c>completed</c> once answered, else <c>canceled</c>.
/// </summary>
public static class TwilioTerms
{
    public static string Status(StoredCall call, bool ended) =>
        !ended ? (call.Outcome.Answered ? "in-progress" : "ringing")
        : call.HungUp ? (call.DurationMs > 0 ? "completed" : "canceled")
        : call.Outcome.Status switch
        {
            "voicemail" or "timeout" => "completed",
            var status => status.Replace('_', '-'),
        };

    /// <summary>Only with machine detection, and only for a call somebody (or something) answered.</summary>
    public static string? AnsweredBy(StoredCall call) =>
        call.Twilio is { MachineDetection: true } && call.Outcome.Answered && !(call.HungUp && call.DurationMs == 0)
            ? (call.Outcome.Name == "voicemail" ? "machine_end_beep" : "human")
            : null;

    /// <summary>The SIP status of the call's end: 200 for a call answered, 487 for one canceled, else its outcome's.</summary>
    public static int SipCode(StoredCall call) =>
        call.HungUp ? (call.DurationMs > 0 ? 200 : 487) : call.Outcome.SipCode ?? (call.Outcome.Answered ? 200 : 487);

    /// <summary>Whole seconds connected, rounded up as Twilio counts them; "0" for a call nobody answered.</summary>
    public static string DurationSeconds(StoredCall call) => ((call.DurationMs + 999) / 1000).ToString(CultureInfo.InvariantCulture);

    /// <summary>RFC 2822, as Twilio writes its times: <c>Thu, 26 Nov 2026 10:00:00 +0000</c>.</summary>
    public static string Time(DateTimeOffset at) => at.ToUniversalTime().ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture);
}
