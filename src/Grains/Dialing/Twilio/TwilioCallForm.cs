using System.Globalization;

namespace BatchCalling.Dialing.Twilio;

/// <summary>The form of a dial on Twilio's Calls API (<c>POST …/Calls.json</c>), written from the request.</summary>
internal static class TwilioCallForm
{
    /// <summary>Every progress step is asked for: a callback of any of them proves the call exists, the last one ends it.</summary>
    private static readonly string[] StatusCallbackEvents = ["initiated", "ringing", "answered", "completed"];

    public static FormUrlEncodedContent Write(CallRequest request, Uri agentUrl, string statusCallback, bool machineDetection)
    {
        List<KeyValuePair<string, string>> fields =
        [
            new("To", request.Contact.Phone),
            new("From", request.FromNumber),
            new("Url", agentUrl.AbsoluteUri),
            // Our call id is in the path: how a callback finds its contact, since Twilio knows calls only by its own sid.
            new("StatusCallback", statusCallback),
            .. StatusCallbackEvents.Select(e => new KeyValuePair<string, string>("StatusCallbackEvent", e)),
            new("StatusCallbackMethod", "POST"),
            new("Timeout", CallRequest.RingTimeoutSeconds.ToString(CultureInfo.InvariantCulture)),
            // Twilio ends the call at the limit itself and reports it completed.
            new("TimeLimit", ((int)request.MaxDuration.TotalSeconds).ToString(CultureInfo.InvariantCulture)),
        ];
        if (machineDetection)
        {
            fields.Add(new("MachineDetection", "Enable"));
        }

        return new FormUrlEncodedContent(fields);
    }
}
