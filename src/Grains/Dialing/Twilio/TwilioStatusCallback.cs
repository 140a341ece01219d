using System.Collections.Specialized;
using System.Globalization;
using System.Web;
using BatchCalling.Contacts;
using BatchCalling.Jobs;
using Twilio.Security;

namespace BatchCalling.Dialing.Twilio;

/// <summary>
/// A status callback of Twilio (a form post signed in <c>X-Twilio-Signature</c>), verified and read into our terms: API.md's
/// table for <c>CallStatus</c>, <c>AnsweredBy</c>, <c>CallDuration</c>, <c>SipResponseCode</c> and <c>ErrorCode</c>.
/// </summary>
internal static class TwilioStatusCallback
{
    public const string SignatureHeader = "X-Twilio-Signature";

    public static CallEventReading Read(InboundCallEvent callback, string authToken, EventsAddress events)
    {
        if (Signature(callback) is not { } signature || CallIdOf(callback.Url) is not { } callId)
        {
            return CallEventReading.Unauthorized;
        }

        var form = HttpUtility.ParseQueryString(callback.Body);
        // Over the address the dial gave, not the one the request came to (a proxy may have rewritten scheme, host or port).
        // A validator per callback: it holds an HMAC, which is not safe to share between threads. A part without a name is
        // nothing Twilio signs (the validator would throw on it).
        if (form.AllKeys.Contains(null) || !new RequestValidator(authToken).Validate(events.TwilioStatusFor(callId), form, signature))
        {
            return CallEventReading.Unauthorized;
        }

        var sipCode = Number(form, "SipResponseCode");
        var duration = Number(form, "CallDuration") ?? 0;
        if (!CallEventMapping.TryRead(form["CallStatus"], sipCode, form["AnsweredBy"], duration, null, out var end))
        {
            return CallEventReading.Malformed;
        }

        // A failure without a SIP code still says why in Twilio's own code (13224 invalid number, 32009 trunk error…).
        return new CallEventReading(CallEventVerdict.Accepted,
            end is { Outcome: CallOutcome.Failed, ErrorCode: null } && Number(form, "ErrorCode") is { } code
                ? end with { ErrorCode = TwilioErrors.Code(code) }
                : end);
    }

    private static string? Signature(InboundCallEvent callback) =>
        callback.Headers.FirstOrDefault(h => string.Equals(h.Key, SignatureHeader, StringComparison.OrdinalIgnoreCase)).Value is { Length: > 0 } value ? value : null;

    /// <summary>The call id of <c>…/twilio/calls/{callId}/status</c>, the address the callback came to.</summary>
    private static string? CallIdOf(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var address) && address.Segments is [.., var callId, "status"]
            ? Uri.UnescapeDataString(callId.TrimEnd('/'))
            : null;

    private static int? Number(NameValueCollection form, string name) =>
        int.TryParse(form[name], NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;
}
