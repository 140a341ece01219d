using System.Globalization;
using BatchCalling.Contacts;
using BatchCalling.Jobs;

namespace BatchCalling.Dialing;

/// <summary>
/// A platform's call status to our outcome and error code: the table of API.md ("Dialers and call events"), for the
/// webhook protocol's statuses and Twilio's <c>CallStatus</c> (the same words with hyphens).
/// </summary>
public static class CallEventMapping
{
    /// <summary>
    /// How the call ended, or null for a status on the way (queued, ringing, answered); false for a status nobody defined.
    /// </summary>
    public static bool TryRead(string? status, int? sipCode, string? answeredBy, double durationSeconds, CallResults? results, out CallEnd? end)
    {
        var sip = sipCode?.ToString(CultureInfo.InvariantCulture);
        (bool Known, CallOutcome? Outcome, string? ErrorCode) read = status?.Replace('-', '_') switch
        {
            "queued" or "initiated" or "ringing" or "answered" or "in_progress" => (true, (CallOutcome?)null, null),
            "completed" when IsMachine(answeredBy) => (true, CallOutcome.Voicemail, null),
            "completed" => (true, CallOutcome.Completed, null),
            "voicemail" => (true, CallOutcome.Voicemail, null),
            "no_answer" => (true, CallOutcome.NoAnswer, sip),
            "busy" => (true, CallOutcome.Busy, sip ?? "486"),
            "timeout" => (true, CallOutcome.Timeout, null),
            "failed" when sipCode is 404 or 484 or 410 => (true, CallOutcome.InvalidNumber, sip),
            "failed" => (true, CallOutcome.Failed, sip),
            "canceled" => (true, CallOutcome.Failed, "canceled"),
            _ => (false, null, null),
        };
        end = read.Outcome is { } ended
            ? new CallEnd(ended, ContactOutcomes.IsConnected(ended) ? Math.Max(0, durationSeconds) : 0, read.ErrorCode, results)
            : null;
        return read.Known;
    }

    /// <summary>An answering machine or a fax (Twilio: <c>machine_start</c>, <c>machine_end_beep</c>…, <c>fax</c>).</summary>
    private static bool IsMachine(string? answeredBy) =>
        answeredBy is not null && (answeredBy.StartsWith("machine", StringComparison.Ordinal) || answeredBy == "fax");
}
