using System.Globalization;
using BatchCalling.SimulatedPlatform.Calls;

namespace BatchCalling.SimulatedPlatform.Twilio;

/// <summary>
/// A status callback as Twilio posts it to the dial's <c>StatusCallback</c>: form fields, built from the call alone so that
/// every redelivery says the same (and is signed anew over them).
/// </summary>
public sealed record TwilioCallback(string CallStatus, IReadOnlyList<KeyValuePair<string, string>> Fields)
{
    /// <summary>The last callback: how the call ended, how long it was connected, its SIP code and (with detection) who answered.</summary>
    public static TwilioCallback Final(StoredCall call, TwilioCallInfo twilio)
    {
        var status = TwilioTerms.Status(call, ended: true);
        List<KeyValuePair<string, string>> fields =
        [
            .. Common(twilio, status, sequence: 3, twilio.CreatedAt.AddMilliseconds(call.DurationMs)),
            new("CallDuration", TwilioTerms.DurationSeconds(call)),
            new("SipResponseCode", TwilioTerms.SipCode(call).ToString(CultureInfo.InvariantCulture)),
        ];
        if (TwilioTerms.AnsweredBy(call) is { } answeredBy)
        {
            fields.Add(new("AnsweredBy", answeredBy));
        }

        return new TwilioCallback(status, fields);
    }

    /// <summary><c>initiated</c>, <c>ringing</c>, then <c>in-progress</c> for a call that will be answered.</summary>
    public static IEnumerable<TwilioCallback> Progress(StoredCall call, TwilioCallInfo twilio)
    {
        yield return new TwilioCallback("initiated", Common(twilio, "initiated", 0, twilio.CreatedAt));
        yield return new TwilioCallback("ringing", Common(twilio, "ringing", 1, twilio.CreatedAt));
        if (call.Outcome.Answered)
        {
            List<KeyValuePair<string, string>> answered = [.. Common(twilio, "in-progress", 2, twilio.CreatedAt)];
            if (TwilioTerms.AnsweredBy(call) is { } answeredBy)
            {
                answered.Add(new("AnsweredBy", answeredBy));
            }

            yield return new TwilioCallback("in-progress", answered);
        }
    }

    private static List<KeyValuePair<string, string>> Common(TwilioCallInfo twilio, string status, int sequence, DateTimeOffset at) =>
    [
        new("AccountSid", twilio.AccountSid),
        new("ApiVersion", "2010-04-01"),
        new("CallSid", twilio.Sid),
        new("CallStatus", status),
        new("CallbackSource", "call-progress-events"),
        new("Direction", "outbound-api"),
        new("From", twilio.From),
        new("SequenceNumber", sequence.ToString(CultureInfo.InvariantCulture)),
        new("Timestamp", TwilioTerms.Time(at)),
        new("To", twilio.To),
    ];
}
