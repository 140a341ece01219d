using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using BatchCalling.SimulatedPlatform.Calls;

namespace BatchCalling.SimulatedPlatform.Twilio;

/// <summary>
/// A dial on the Twilio subset (<c>POST …/Calls.json</c>), read into the platform's terms: the call id, job and attempt come
/// from the <c>StatusCallback</c>'s path (<c>…/twilio/calls/call_{jobId}_{index}_{attempt}/status</c>), which is all of the
/// cluster's a Twilio dial carries; the account is the organization. <c>Timeout</c> is accepted and ignored.
/// </summary>
public sealed record TwilioDial(PlaceCallBody Call, string To, string From, bool MachineDetection)
{
    /// <summary>The dial, or Twilio's error code and message for what is missing or wrong in it.</summary>
    public static bool TryRead(IFormCollection form, string accountSid, [NotNullWhen(true)] out TwilioDial? dial, [NotNullWhen(false)] out (int Code, string Message)? problem)
    {
        (dial, problem) = (null, null);
        if (form["To"].ToString() is not { Length: > 0 } to)
        {
            problem = (21201, "No 'To' number is specified");
        }
        else if (form["From"].ToString() is not { Length: > 0 } from)
        {
            problem = (21213, "No 'From' number is specified");
        }
        else if (!Uri.TryCreate(form["Url"], UriKind.Absolute, out _))
        {
            problem = (21205, "Url parameter is required and must be an absolute URL");
        }
        else if (!TryCallOf(form["StatusCallback"].ToString(), out var callId, out var jobId, out var attempt))
        {
            problem = (21609, "StatusCallback must be an absolute http(s) URL ending in /twilio/calls/call_{jobId}_{index}_{attempt}/status");
        }
        else if (form["TimeLimit"].ToString() is { Length: > 0 } limit && !int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            problem = (21219, "TimeLimit must be a whole number of seconds");
        }
        else
        {
            var maxSeconds = int.TryParse(form["TimeLimit"], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ? seconds : (int?)null;
            dial = new TwilioDial(new PlaceCallBody(callId, attempt, jobId, accountSid, to, from, null, form["StatusCallback"], maxSeconds),
                to, from, form["MachineDetection"].ToString() is "Enable" or "DetectMessageEnd");
        }

        return dial is not null;
    }

    private static bool TryCallOf(string statusCallback, out string callId, out string jobId, out int attempt)
    {
        (callId, jobId, attempt) = ("", "", 0);
        if (!Uri.TryCreate(statusCallback, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https")
            || url.Segments is not [.., "twilio/", "calls/", var segment, "status"])
        {
            return false;
        }

        callId = Uri.UnescapeDataString(segment.TrimEnd('/'));
        var attemptAt = callId.LastIndexOf('_');
        var indexAt = attemptAt > 0 ? callId.LastIndexOf('_', attemptAt - 1) : -1;
        if (!callId.StartsWith("call_", StringComparison.Ordinal) || indexAt <= "call_".Length
            || !callId.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or ':')
            || !int.TryParse(callId.AsSpan(attemptAt + 1), NumberStyles.None, CultureInfo.InvariantCulture, out attempt) || attempt < 1)
        {
            return false;
        }

        jobId = callId["call_".Length..indexAt];
        return true;
    }
}
