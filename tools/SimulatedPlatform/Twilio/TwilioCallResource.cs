using BatchCalling.SimulatedPlatform.Calls;

namespace BatchCalling.SimulatedPlatform.Twilio;

/// <summary>A call resource as Twilio's Calls API answers it (snake_case, times in RFC 2822, <c>duration</c> as text once ended).</summary>
public sealed record TwilioCallResource(
    string Sid, string AccountSid, string To, string From, string Status, string? AnsweredBy, string? Duration,
    string DateCreated, string? StartTime, string Direction, string ApiVersion, string Uri)
{
    public static TwilioCallResource Of(StoredCall call, TwilioCallInfo twilio, bool ended) => Of(twilio, TwilioTerms.Status(call, ended),
        TwilioTerms.AnsweredBy(call), ended ? TwilioTerms.DurationSeconds(call) : null);

    /// <summary>A call just created: <c>queued</c>, as Twilio answers a dial.</summary>
    public static TwilioCallResource Queued(TwilioCallInfo twilio) => Of(twilio, "queued", null, null);

    private static TwilioCallResource Of(TwilioCallInfo twilio, string status, string? answeredBy, string? duration) => new(
        twilio.Sid, twilio.AccountSid, twilio.To, twilio.From, status, answeredBy, duration, TwilioTerms.Time(twilio.CreatedAt),
        status == "queued" ? null : TwilioTerms.Time(twilio.CreatedAt), "outbound-api", "2010-04-01",
        $"/2010-04-01/Accounts/{twilio.AccountSid}/Calls/{twilio.Sid}.json");
}
